package org.statestore.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.statestore.migrate.StopSignal;

/**
 * The process's outside world as the commands see it: output streams, standard input, environment, how
 * log lines are written, and the stop signal a SIGTERM/SIGINT sets. Passed in, rather than read from
 * {@code System}, so tests run the CLI in-process with their own.
 *
 * @param jsonLogs write log lines on stderr as JSON lines (for log collectors) instead of text
 */
public record Console(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, boolean jsonLogs,
                      StopSignal stop) {

    public Console {
        env = Map.copyOf(env);
        // Everything printed passes the filter once: text from databases and files may hide terminal controls.
        out = out instanceof Escaped ? out : new Escaped(out);
        err = err instanceof Escaped ? err : new Escaped(err);
    }

    /** A print writer whose text has passed {@link ControlEscapingWriter}. */
    private static final class Escaped extends PrintWriter {
        Escaped(PrintWriter out) {
            super(new ControlEscapingWriter(out), true); // println flushes through to the process's stream
        }
    }

    /** Text logs and a stop signal nobody sets: what tests and embedding callers usually want. */
    public Console(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env) {
        this(out, err, in, env, false, new StopSignal());
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    /** A log line on stderr, prefixed (or wrapped as JSON) so it is never mistaken for command output. */
    public void log(String line) {
        write("info", line);
    }

    /** The one error line a failing command prints: as {@link #log}, with level {@code error} in JSON logs. */
    public void error(String line) {
        write("error", line);
    }

    private void write(String level, String line) {
        if (jsonLogs) {
            err.println(JsonLogLine.of(Instant.now(), level, line));
        } else {
            err.println("statestore: " + line);
        }
        err.flush();
    }
}
