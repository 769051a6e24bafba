/**
 * Not API: discovering units in locations ({@link org.statestore.migrate.internal.UnitCatalog}), planning which
 * are pending against the history chain ({@link org.statestore.migrate.internal.Plan}), and running, undoing,
 * dry-running and repairing them under the lease, for the facade and the CLI; it may change without notice.
 */
package org.statestore.migrate.internal;
