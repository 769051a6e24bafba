/**
 * Backups of a state store: online dumps streamed over Bolt into one checksummed, compressed
 * {@code .ssbak} file ({@link org.statestore.backup.BackupWriter}), verified restores into an empty
 * database ({@link org.statestore.backup.BackupRestorer}), file verification and retention
 * ({@link org.statestore.backup.BackupReader}, {@link org.statestore.backup.BackupCatalog}), and offline
 * dumps in Neo4j's own format through its admin tool ({@link org.statestore.backup.OfflineDump}).
 */
package org.statestore.backup;
