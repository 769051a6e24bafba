/**
 * The history chain kept inside the target database, as embedders see it: its entries
 * ({@link org.statestore.history.HistoryEntry}, their state, error and recorded rollback) and the exceptions a
 * read or a fenced write throws ({@link org.statestore.history.MalformedChainException},
 * {@link org.statestore.history.FenceLostException}). Reading and writing the chain is
 * {@code org.statestore.history.internal}'s.
 *
 * <p>Shape: {@code (:__StatestoreHistory)-[:NEXT]->(:__StatestoreEntry)-[:NEXT]->(:__StatestoreEntry)...},
 * and {@code (:__StatestoreHistory)-[:HEAD]->(newest entry)} so appending needs no traversal. It creates no
 * constraint and no index, because alchemiscale's {@code database check} accepts exactly its own four. A chain
 * that is not exactly one path, numbered 1..n, with the root's {@code last_seq} and HEAD agreeing, is a
 * {@link org.statestore.history.MalformedChainException}: nothing is planned from it.
 */
package org.statestore.history;
