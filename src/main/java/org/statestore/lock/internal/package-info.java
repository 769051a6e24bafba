/**
 * Not API: taking, renewing and releasing the migration lease ({@link org.statestore.lock.internal.LeaseLock}),
 * for the engine's own use; it may change without notice. The lease needs no constraint (alchemiscale's
 * {@code database check} counts them): contenders may create duplicate lease nodes at the same moment, and a
 * lease is held only by writing it, under Neo4j's write locks, on every lease node the contender can see.
 */
package org.statestore.lock.internal;
