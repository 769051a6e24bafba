/**
 * Not API: reading and writing the history chain ({@link org.statestore.history.internal.HistoryChain}), for the
 * engine's own use; it may change without notice. One node per unit run, linked in the order the runs began,
 * read in one query and written with parameterised statements only; writes made under the migration lease are
 * fenced by it ({@link org.statestore.history.internal.Fence}).
 *
 * <p>The read never follows NEXT with a variable-length match (forged, doubled links would make that explode):
 * it returns each root and entry with its immediate links, and {@code ChainWalk} checks in Java that they form
 * exactly one path.
 */
package org.statestore.history.internal;
