package org.statestore.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one command run produced, before anything is printed: its exit code, its one error line (none on
 * success), its JSON fields (after the envelope) and its text lines. Commands build one; {@link ReportPrinter}
 * prints it, so every output can be tested without a database.
 *
 * <p>{@link #toString()} names only the exit code and error: text and fields may hold a key shown once.
 *
 * @param qualifier appended to the command's name in JSON ({@code " --dry-run"}), usually empty
 * @param warnings  lines printed on stderr as warnings, in text and JSON mode alike
 */
record Report(ExitCode exitCode, Optional<String> error, Map<String, Object> fields, List<String> text,
              List<String> warnings, String qualifier) {

    Report {
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(error, "error");
        if ((exitCode == ExitCode.OK) != error.isEmpty()) {
            throw new IllegalArgumentException("a report has an error line exactly when it fails: " + exitCode);
        }
        // Insertion order is the documented JSON order; null values are kept (JSON null).
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        text = List.copyOf(text);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(qualifier, "qualifier");
    }

    /** A successful run's report, to be filled in. */
    static Builder ok() {
        return new Builder(ExitCode.OK, null);
    }

    /** A failed run's report with its one error line, to be filled in. */
    static Builder failed(ExitCode code, String error) {
        if (code == ExitCode.OK) {
            throw new IllegalArgumentException("a failure needs a failing exit code");
        }
        return new Builder(code, Objects.requireNonNull(error, "error"));
    }

    /** {@link #ok()} or {@link #failed} as {@code error} is empty or not: for results whose mapping yields both. */
    static Builder of(ExitCode code, Optional<String> error) {
        return error.isPresent() ? failed(code, error.get()) : ok();
    }

    /**
     * This report as a run a signal stopped: exit {@code code} (130 or 143), the error line saying so. A command
     * that stops at a safe point may still report what it finished (undo, await); the exit code must say it stopped.
     */
    Report stopped(ExitCode code) {
        if (exitCode == code) {
            return this;
        }
        return new Report(code, Optional.of("stopped by a signal" + error.map(e -> ": " + e).orElse("")), fields, text,
                warnings, qualifier);
    }

    boolean succeeded() {
        return exitCode == ExitCode.OK;
    }

    @Override
    public String toString() {
        return "Report[" + exitCode + error.map(e -> ": " + e).orElse("") + "]";
    }

    /** Collects a report's parts in the order they are printed. Not thread-safe; one per run. */
    static final class Builder {

        private final ExitCode exitCode;
        private final String error;
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final List<String> text = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private String qualifier = "";

        private Builder(ExitCode exitCode, String error) {
            this.exitCode = exitCode;
            this.error = error;
        }

        /** A JSON field; {@code value} is a string, number, boolean, null, list or map of those. */
        Builder field(String name, Object value) {
            fields.put(name, value);
            return this;
        }

        Builder fields(Map<String, ?> more) {
            fields.putAll(more);
            return this;
        }

        /** A line of text output (ignored in JSON mode). */
        Builder line(String line) {
            text.add(line);
            return this;
        }

        Builder lines(List<String> more) {
            text.addAll(more);
            return this;
        }

        Builder warning(String line) {
            warnings.add(line);
            return this;
        }

        Builder qualifier(String suffix) {
            qualifier = suffix;
            return this;
        }

        Report build() {
            return new Report(exitCode, Optional.ofNullable(error), fields, text, warnings, qualifier);
        }
    }
}
