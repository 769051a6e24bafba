package org.statestore.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/**
 * The process's outside world as the commands see it: output streams, standard input and environment.
 * Passed in, rather than read from {@code System}, so tests run the CLI in-process with their own.
 */
public record Console(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env) {

    public Console {
        env = Map.copyOf(env);
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    /** A log line on stderr, prefixed so it is never mistaken for command output. */
    public void log(String line) {
        err.println("statestore: " + line);
        err.flush();
    }
}
