package org.statestore.progress;

/**
 * Where a long task says how far it is: one task at a time, started with its total when a cheap count
 * exists, advanced as work is committed, and finished. The engine only counts; how progress is shown (a bar
 * on a terminal, periodic JSON lines for a log collector) is the caller's choice. Implementations are safe
 * to call from several threads (a restore's reader and writer both count).
 */
public interface ProgressSink {

    /** The total of a task whose size is not known up front. */
    long UNKNOWN = -1;

    /** Shows nothing: the default for callers of the Java API that pass no sink. */
    ProgressSink NONE = new ProgressSink() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long n) {
        }

        @Override
        public void done() {
        }
    };

    /** {@code task} begins, {@code total} units long ({@link #UNKNOWN} when not known); a task still open ends. */
    void start(String task, long total);

    /** {@code n} more units of the current task are done. */
    void advance(long n);

    /** The current task has finished (nothing when none is open). */
    void done();
}
