/**
 * The migration lease as embedders see it: its settings ({@link org.statestore.lock.LeaseSettings}), who holds it
 * ({@link org.statestore.lock.Holder}, {@link org.statestore.lock.LeaseState}) and the exception a wait that runs
 * out throws ({@link org.statestore.lock.LockTimeoutException}). The lease is a lock stored in the target
 * database that one process at a time holds while it changes the schema or the history chain; it expires unless
 * its holder renews it, so a killed pod never leaves it behind. Taking it is
 * {@code org.statestore.lock.internal}'s.
 */
package org.statestore.lock;
