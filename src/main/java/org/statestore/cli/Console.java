package org.statestore.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.statestore.migrate.StopSignal;
import org.statestore.progress.ProgressSink;

/**
 * The process's outside world as the commands see it: output streams, standard input, environment, how
 * log lines are written, and the stop signal a SIGTERM/SIGINT sets. Passed in, rather than read from
 * {@code System}, so tests run the CLI in-process with their own.
 *
 * @param jsonLogs write log lines on stderr as JSON lines (for log collectors) instead of text
 * @param terminal the raw channel to stderr when it is a terminal (set by {@link Main} only), for the one
 *                 progress bar; everything else goes through {@code err}, escaped
 */
public record Console(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, boolean jsonLogs,
                      StopSignal stop, Optional<TerminalLine> terminal) {

    /** How often a progress line is written where no bar can be drawn, unless STATESTORE_PROGRESS_INTERVAL says. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** The prefix by which the engine's log lines ({@code Consumer<String>}) mark a warning. */
    static final String WARNING = "warning: ";

    public Console {
        env = Map.copyOf(env);
        Objects.requireNonNull(terminal, "terminal");
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

    /** No terminal: progress is written as lines. */
    public Console(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, boolean jsonLogs,
                   StopSignal stop) {
        this(out, err, in, env, jsonLogs, stop, Optional.empty());
    }

    /** Text logs and a stop signal nobody sets: what tests and embedding callers usually want. */
    public Console(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env) {
        this(out, err, in, env, false, new StopSignal());
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    /**
     * A log line on stderr, prefixed (or wrapped as JSON) so it is never mistaken for command output. A line
     * the engine marks {@value #WARNING} is a {@linkplain #warn warning}.
     */
    public void log(String line) {
        if (line.startsWith(WARNING)) {
            warn(line.substring(WARNING.length()));
        } else {
            write("info", line, null);
        }
    }

    /** A warning: {@code statestore: warning: ...}, or level {@code warn} in JSON logs. */
    public void warn(String line) {
        write("warn", line, null);
    }

    /** The one error line a failing command prints: as {@link #log}, with level {@code error} in JSON logs. */
    public void error(String line) {
        terminal.ifPresent(TerminalLine::finish);
        write("error", line, null);
    }

    /**
     * A new sink for one command's long tasks: a bar on a terminal (unless {@code NO_COLOR} or {@code TERM=dumb}),
     * else a line every {@code STATESTORE_PROGRESS_INTERVAL} (default {@link #PROGRESS_EVERY}; a bad value is
     * ignored) while a task runs and one at its end: JSON with {@code done}, {@code total}, {@code percent} and
     * {@code eta_s} in JSON logs, text otherwise.
     */
    public ProgressSink progress() {
        boolean plain = env.containsKey("NO_COLOR") || "dumb".equals(env.get("TERM"));
        if (terminal.isPresent() && !jsonLogs && !plain) {
            return new TerminalProgress(terminal.get());
        }
        return new ProgressLines(this::progressLine, System::nanoTime, progressInterval());
    }

    private Duration progressInterval() {
        try {
            return env("STATESTORE_PROGRESS_INTERVAL").map(DurationConverter::parse).filter(d -> !d.isNegative())
                    .orElse(PROGRESS_EVERY);
        } catch (RuntimeException e) {
            return PROGRESS_EVERY; // progress is never worth failing a command over
        }
    }

    private void progressLine(ProgressLine line) {
        write("info", line.text(), line);
    }

    private void write(String level, String line, ProgressLine progress) {
        Runnable print = () -> {
            if (jsonLogs) {
                err.println(JsonLogLine.of(Instant.now(), level, line,
                        progress == null ? Map.of() : progress.fields()));
            } else {
                err.println("statestore: " + (level.equals("warn") ? WARNING : "") + line);
            }
            err.flush();
        };
        // With a bar on the terminal, the line goes above it rather than into it.
        terminal.ifPresentOrElse(t -> t.above(print), print);
    }
}
