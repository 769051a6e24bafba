package org.statestore.backup;

/**
 * Held while a backup reads or a restore writes the database: the seam where statestore's lease will
 * keep migrations (and other statestore writers) out. {@link #NONE} holds nothing.
 */
@FunctionalInterface
public interface DumpGuard {

    /** Holds nothing. */
    DumpGuard NONE = () -> () -> { };

    /** Acquires the guard; the returned handle is closed when the work is done (or failed). */
    Held hold();

    /** An acquired guard. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
