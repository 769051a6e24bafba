package org.statestore.backup.internal;

/** A backup file is not what the format requires (damaged, truncated, or not a backup at all). */
public final class BackupFormatException extends RuntimeException {

    public BackupFormatException(String message) {
        super(message, null, false, false);
    }
}
