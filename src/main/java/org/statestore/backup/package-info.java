/**
 * Backups of a state store: online dumps streamed over Bolt into one checksummed, compressed
 * {@code .ssbak} file ({@link org.statestore.backup.BackupWriter}), verified restores into an empty
 * database ({@link org.statestore.backup.BackupRestorer}), both reached through an open store's
 * {@link org.statestore.backup.Backups}, file verification and retention
 * ({@link org.statestore.backup.BackupReader}, {@link org.statestore.backup.BackupCatalog}), and offline
 * dumps in Neo4j's own format through its admin tool ({@link org.statestore.backup.OfflineDump}).
 *
 * <p>A backup file is untrusted input: its SHA-256 trailer and content digest have no key. Reading is
 * bounded ({@code BackupLimits}), every name, value and schema record a restore would refuse is refused by
 * {@code verify} ({@code GraphRules}, {@code SchemaShape}), and a restore runs no text from the file:
 * labels, types, names and options are parameters, and constraints and indexes are rebuilt from parsed
 * fields. Files are {@code 0600}, new directories {@code 0700}, temporary files live in a private
 * per-run directory ({@code ScratchSpace}).
 */
package org.statestore.backup;
