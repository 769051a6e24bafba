package org.statestore.backup;

import java.nio.file.Path;

/** What checking a backup file found. Only a {@link Valid} result can be restored. */
public sealed interface VerifyResult {

    Path file();

    /** Checksum, format, counts and content digest all agree with the header. */
    record Valid(Path file, BackupHeader header, long sizeBytes) implements VerifyResult {
    }

    /** The file is damaged, truncated or not a backup; {@code reason} says which check failed. */
    record Invalid(Path file, String reason) implements VerifyResult {
    }

    /** There is no such file. */
    record Missing(Path file) implements VerifyResult {
    }
}
