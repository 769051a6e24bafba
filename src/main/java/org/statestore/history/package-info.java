/**
 * The history chain kept inside the target database: one node per unit run, linked in the order the
 * runs began, read in one query and written with parameterised statements only. It creates no
 * constraint and no index, because alchemiscale's {@code database check} accepts exactly its own four.
 *
 * <p>Shape: {@code (:__StatestoreHistory)-[:NEXT]->(:__StatestoreEntry)-[:NEXT]->(:__StatestoreEntry)...},
 * and {@code (:__StatestoreHistory)-[:HEAD]->(newest entry)} so appending needs no traversal.
 *
 * <p>The read never follows NEXT with a variable-length match (forged, doubled links would make that
 * explode): it returns each root and entry with its immediate links, and {@code ChainWalk} checks in Java
 * that they form exactly that one path, numbered 1..n, with the root's {@code last_seq} and HEAD agreeing.
 * Anything else is a {@link org.statestore.history.MalformedChainException}: nothing is planned from it.
 */
package org.statestore.history;
