/**
 * Backups of a state store, reached through an open store's {@link org.statestore.backup.Backups}: online dumps
 * streamed over Bolt into one checksummed, compressed {@code .ssbak} file, and verified restores into an empty
 * database. This package holds what an embedder uses: the service, its results ({@link
 * org.statestore.backup.CreateResult}, {@link org.statestore.backup.VerifyResult}, {@link
 * org.statestore.backup.RestoreResult}), a file's header and the guard a dump runs under; the writer, reader,
 * restorer, catalog and offline dumps are in {@code org.statestore.backup.internal}.
 *
 * <p>A backup file is untrusted input: its SHA-256 trailer and content digest have no key. Reading is
 * bounded, every name, value and schema record a restore would refuse is refused by {@code verify}, and a
 * restore runs no text from the file: labels, types, names and options are parameters, and constraints and
 * indexes are rebuilt from parsed fields. Files are {@code 0600}, new directories {@code 0700}, temporary files
 * live in a private per-run directory.
 */
package org.statestore.backup;
