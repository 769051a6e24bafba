package org.statestore.cli;

import org.statestore.cypher.ScriptSyntaxException;
import org.statestore.history.MalformedChainException;
import org.statestore.lock.LockTimeoutException;
import org.statestore.migrate.UnitDiscoveryException;
import org.statestore.migrate.UnknownTargetException;
import org.statestore.neo4j.ConnectionException;
import org.statestore.neo4j.UnsupportedServerException;

/** An exception turned into what the user sees: an exit code and one line of text. */
record Failure(ExitCode exitCode, String message) {

    static Failure of(Throwable e) {
        if (e instanceof UsageException) {
            return new Failure(ExitCode.USAGE, e.getMessage());
        }
        if (e instanceof ConnectionException c) {
            ExitCode code = c.kind() == ConnectionException.Kind.AUTHENTICATION
                    ? ExitCode.AUTHENTICATION : ExitCode.UNREACHABLE;
            return new Failure(code, c.getMessage());
        }
        if (e instanceof UnsupportedServerException) {
            return new Failure(ExitCode.UNSUPPORTED_SERVER, e.getMessage());
        }
        if (e instanceof LockTimeoutException) {
            return new Failure(ExitCode.LOCK_TIMEOUT, e.getMessage());
        }
        if (e instanceof UnitDiscoveryException || e instanceof ScriptSyntaxException
                || e instanceof MalformedChainException
                || e instanceof UnknownTargetException) {
            return new Failure(ExitCode.VALIDATION, e.getMessage());
        }
        String m = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return new Failure(ExitCode.INTERNAL, "internal error: " + e.getClass().getName() + m);
    }
}
