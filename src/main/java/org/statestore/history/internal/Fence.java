package org.statestore.history.internal;

import java.util.Map;

import org.neo4j.driver.TransactionContext;
import org.statestore.history.FenceLostException;

/**
 * A guard every history write passes inside its own transaction, so a process that lost its right to
 * write (an expired, taken-over lease) cannot change the chain.
 *
 * <p>The guard is a Cypher clause put in front of the write itself rather than a query of its own: the
 * check and the write then cost one round trip, which matters on the per-unit hot path of a first apply.
 */
public interface Fence {

    /** No guard: for callers that hold no lease (tests, single-process tools). */
    Fence NONE = new Fence() {
        @Override
        public String clause() {
            return "";
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }

        @Override
        public FenceLostException lost() {
            return new FenceLostException("no guard to lose");
        }
    };

    /**
     * Cypher that starts a guarded write: it takes the guard's write lock and yields one row only while
     * the caller may still write, so the write after it happens only then. Empty for {@link #NONE}. Its
     * parameter names start with {@code fence}, so they never clash with the write's own.
     */
    String clause();

    /** The parameters {@link #clause()} uses. */
    Map<String, Object> parameters();

    /** Records that the guard was found lost and returns the exception to throw, which aborts the transaction. */
    FenceLostException lost();

    /** Verifies, inside {@code tx}, that the caller may still write; throws {@link FenceLostException} if not. */
    default void check(TransactionContext tx) {
        if (!clause().isEmpty() && tx.run(clause() + "RETURN 1 AS held", parameters()).list().isEmpty()) {
            throw lost();
        }
    }
}
