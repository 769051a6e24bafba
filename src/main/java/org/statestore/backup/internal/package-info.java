/**
 * Not API: the backup engine behind {@link org.statestore.backup.Backups}, for the CLI and this project's own
 * use; it may change without notice. The writer streams a database into a {@code .ssbak} file
 * ({@link org.statestore.backup.internal.BackupWriter}), the reader verifies one under fixed bounds
 * ({@link org.statestore.backup.internal.BackupReader}, {@code BackupLimits}, {@code GraphRules},
 * {@code SchemaShape}), the restorer loads a verified file into an empty database
 * ({@link org.statestore.backup.internal.BackupRestorer}); retention is {@link
 * org.statestore.backup.internal.BackupCatalog}, offline dumps in Neo4j's own format go through its admin tool
 * ({@link org.statestore.backup.internal.OfflineDump}), and temporary files live in a private per-run directory
 * ({@code ScratchSpace}).
 */
package org.statestore.backup.internal;
