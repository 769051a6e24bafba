/**
 * alchemiscale's state-store schema as statestore units and operations: the NetworkMark (v0.3 to v0.4)
 * and UTC timestamp (pre-v0.7) migrations as batched, idempotent Java units; recognising a store that was
 * never versioned by its shape so it is baselined at the right version; alchemiscale's {@code database
 * check} rule and {@code database reset}; and a generator of synthetic v0.3 stores for tests and benchmarks.
 * An open store hands the operations on its database out as {@link org.statestore.alchemiscale.AlchemiscaleOperations}.
 *
 * <p>Every node and property written here matches what alchemiscale's Python code writes and reads (see
 * the project's reference on the alchemiscale state store), because the Python API must keep working on it.
 */
package org.statestore.alchemiscale;
