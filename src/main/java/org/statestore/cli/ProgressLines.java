package org.statestore.cli;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.statestore.progress.ProgressSink;

/**
 * Progress as separate lines, for places a bar cannot go (a log collector, a file, {@code TERM=dumb},
 * {@code NO_COLOR}): one per {@code every} while a task runs and one when it ends. A task shorter than
 * {@code every} prints none: the command's own result line says the rest.
 */
final class ProgressLines implements ProgressSink {

    private final Consumer<ProgressLine> emit;
    private final LongSupplier nanos;
    private final long everyNanos;

    private String task;
    private long total;
    private long done;
    private long startedAt;
    private long emittedAt;
    private boolean emitted;

    /** @param nanos the clock (System::nanoTime; tests pass their own) */
    ProgressLines(Consumer<ProgressLine> emit, LongSupplier nanos, Duration every) {
        this.emit = emit;
        this.nanos = nanos;
        this.everyNanos = every.toNanos();
    }

    @Override
    public synchronized void start(String task, long total) {
        done();
        this.task = task;
        this.total = total;
        this.done = 0;
        this.startedAt = nanos.getAsLong();
        this.emittedAt = startedAt;
        this.emitted = false;
    }

    @Override
    public synchronized void advance(long n) {
        if (task == null) {
            return;
        }
        done += n;
        long now = nanos.getAsLong();
        if (now - emittedAt >= everyNanos) {
            emittedAt = now;
            emitted = true;
            emit.accept(line(now));
        }
    }

    @Override
    public synchronized void done() {
        if (task == null) {
            return;
        }
        // A finished task is complete: a total counted up front (say from the count store) may have been a little off.
        if (total >= 0) {
            total = done;
        }
        long now = nanos.getAsLong();
        if (emitted || now - startedAt >= everyNanos) {
            emit.accept(line(now));
        }
        task = null;
    }

    private ProgressLine line(long now) {
        return new ProgressLine(task, done, total, Duration.ofNanos(now - startedAt));
    }
}
