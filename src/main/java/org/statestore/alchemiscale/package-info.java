/**
 * alchemiscale's operations on a state store, as an open store hands them out
 * ({@link org.statestore.alchemiscale.AlchemiscaleOperations}): alchemiscale's {@code database check} rule, the
 * doctor's findings for a release, expiring compute service registrations, {@code database reset}, a survey for
 * the v0.3 to v0.4 upgrade, and synthetic v0.3 stores for tests and benchmarks; with their options and reports.
 * Here too are alchemiscale's bundled Java units, the NetworkMark (v0.3 to v0.4) and UTC timestamp (pre-v0.7)
 * migrations: batched and idempotent, found with {@link java.util.ServiceLoader}, and named here for good, since a
 * Java unit's class name is recorded in the history of every database it migrated. The shape detector that
 * baselines a never-versioned store and the release table are in {@code org.statestore.alchemiscale.internal}.
 *
 * <p>Every node and property written here matches what alchemiscale's Python code writes and reads (see
 * the project's reference on the alchemiscale state store), because the Python API must keep working on it.
 */
package org.statestore.alchemiscale;
