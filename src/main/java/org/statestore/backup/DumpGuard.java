package org.statestore.backup;

import java.util.Optional;

/**
 * Held while a backup reads or a restore writes the database, to keep other writers out: an online
 * {@code backup create} holds statestore's migration lease ({@link Backups#migrationLease}),
 * so no migration changes the database (or its history head) during the dump. {@link #NONE} holds
 * nothing, for callers that already hold the lease or need none.
 */
@FunctionalInterface
public interface DumpGuard {

    /** Holds nothing. */
    DumpGuard NONE = () -> () -> { };

    /**
     * Acquires the guard; the returned handle is closed when the work is done (or failed). Throws when the
     * guard cannot be acquired (e.g. {@link org.statestore.lock.LockTimeoutException}).
     */
    Held hold();

    /** An acquired guard. */
    interface Held extends AutoCloseable {

        /**
         * Why the guard stopped keeping others out before it was closed (e.g. the lease expired and was
         * taken over); empty while it still holds.
         */
        default Optional<String> lost() {
            return Optional.empty();
        }

        @Override
        void close();
    }
}
