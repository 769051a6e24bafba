/**
 * Not API: alchemiscale's bundled Java units (the NetworkMark and UTC timestamp migrations, found with
 * {@link java.util.ServiceLoader}), the shape detector that baselines a never-versioned store, and the release
 * table, for the engine and the CLI; they may change without notice.
 */
package org.statestore.alchemiscale.internal;
