package org.statestore.backup;

import java.nio.file.Path;

/** What checking a backup file found. Only a {@link Valid} result can be restored. */
public sealed interface VerifyResult {

    Path file();

    /**
     * Checksum, format, names, values, counts and content digest all agree with the header.
     *
     * @param sha256 the checksum the trailer names (hex), so a restore can tell the file is still the one
     *               verified before it deletes anything; empty when unknown
     */
    record Valid(Path file, BackupHeader header, long sizeBytes, String sha256) implements VerifyResult {

        public Valid(Path file, BackupHeader header, long sizeBytes) {
            this(file, header, sizeBytes, "");
        }
    }

    /** The file is damaged, truncated, not a backup, or holds something a restore refuses; {@code reason} says which. */
    record Invalid(Path file, String reason) implements VerifyResult {
    }

    /** There is no such file. */
    record Missing(Path file) implements VerifyResult {
    }
}
