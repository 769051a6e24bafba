package org.statestore.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.statestore.progress.ProgressSink;

/**
 * Where one task stands, as the plain and JSON progress lines show it: count, percent, rate and time left,
 * each only when it can be known (a percent needs a total, a rate needs time, time left needs both).
 *
 * @param total the task's size, or {@link ProgressSink#UNKNOWN}
 */
record ProgressLine(String task, long done, long total, Duration elapsed) {

    OptionalInt percent() {
        if (total <= 0) {
            return total == 0 ? OptionalInt.of(100) : OptionalInt.empty();
        }
        return OptionalInt.of((int) Math.min(100, done * 100 / total));
    }

    /** Units per second since the task started. */
    OptionalDouble rate() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 || done <= 0 ? OptionalDouble.empty() : OptionalDouble.of(done * 1e9 / nanos);
    }

    /** Seconds left at the rate so far (linear). */
    OptionalLong etaSeconds() {
        if (total < 0) {
            return OptionalLong.empty();
        }
        if (done >= total) {
            return OptionalLong.of(0);
        }
        OptionalDouble rate = rate();
        return rate.isEmpty() ? OptionalLong.empty() : OptionalLong.of((long) Math.ceil((total - done) / rate.getAsDouble()));
    }

    /** {@code backup: 120000 of 300000 (40%, 25000/s, 8s left)}, or without a total {@code backup: 120000 (25000/s)}. */
    String text() {
        StringBuilder line = new StringBuilder(task).append(": ").append(done);
        if (total >= 0) {
            line.append(" of ").append(total);
        }
        StringBuilder detail = new StringBuilder();
        percent().ifPresent(p -> detail.append(p).append('%'));
        rate().ifPresent(r -> detail.append(detail.length() > 0 ? ", " : "").append(Math.round(r)).append("/s"));
        etaSeconds().ifPresent(s -> detail.append(detail.length() > 0 ? ", " : "")
                .append(done >= total ? "done in " + duration(elapsed.toSeconds()) : duration(s) + " left"));
        if (detail.length() > 0) {
            line.append(" (").append(detail).append(')');
        }
        return line.toString();
    }

    /** The fields a JSON progress line carries besides its message; unknowns are null. */
    Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("task", task);
        f.put("done", done);
        f.put("total", total >= 0 ? total : null);
        f.put("percent", percent().isPresent() ? percent().getAsInt() : null);
        f.put("rate_per_s", rate().isPresent() ? Math.round(rate().getAsDouble()) : null);
        f.put("eta_s", etaSeconds().isPresent() ? etaSeconds().getAsLong() : null);
        f.put("elapsed_s", elapsed.toSeconds());
        return f;
    }

    /** {@code 45s}, {@code 3m05s}, {@code 2h03m}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
