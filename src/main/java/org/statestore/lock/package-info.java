/**
 * The migration lease: a lock stored in the target database that one process at a time holds while it
 * changes the schema or the history chain. It expires unless its holder renews it, so a killed pod
 * never leaves it behind, and it needs no constraint (alchemiscale's {@code database check} counts
 * them): contenders may create duplicate lease nodes at the same moment, and a lease is held only by
 * writing it, under Neo4j's write locks, on every lease node the contender can see (see
 * {@link org.statestore.lock.LeaseLock}).
 */
package org.statestore.lock;
