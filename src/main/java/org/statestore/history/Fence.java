package org.statestore.history;

import org.neo4j.driver.TransactionContext;

/**
 * A guard every history write runs inside its own transaction, so a process that lost its right to
 * write (an expired, taken-over lease) cannot change the chain. Implementations throw to abort the
 * transaction.
 */
@FunctionalInterface
public interface Fence {

    /** No guard: for callers that hold no lease (tests, single-process tools). */
    Fence NONE = tx -> { };

    /** Verifies, inside {@code tx}, that the caller may still write; throws {@link FenceLostException} if not. */
    void check(TransactionContext tx);
}
