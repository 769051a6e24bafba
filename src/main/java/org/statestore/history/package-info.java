/**
 * The history chain kept inside the target database: one node per unit run, linked in the order the
 * runs began, read in one query and written with parameterised statements only. It creates no
 * constraint and no index, because alchemiscale's {@code database check} accepts exactly its own four.
 *
 * <p>Shape: {@code (:__StatestoreHistory)-[:NEXT]->(:__StatestoreEntry)-[:NEXT]->(:__StatestoreEntry)...},
 * and {@code (:__StatestoreHistory)-[:HEAD]->(newest entry)} so appending needs no traversal.
 */
package org.statestore.history;
