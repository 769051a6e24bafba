/**
 * Not API: the shape detector that recognises a store statestore never versioned by its shape, so it is
 * baselined at the right version (found with {@link java.util.ServiceLoader}), alchemiscale's release table
 * (which statestore target serves which alchemiscale release) and the quoting of identifiers in findings, for
 * the engine and the CLI; they may change without notice.
 */
package org.statestore.alchemiscale.internal;
