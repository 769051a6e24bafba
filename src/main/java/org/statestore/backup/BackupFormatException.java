package org.statestore.backup;

/** A backup file is not what the format requires (damaged, truncated, or not a backup at all). */
final class BackupFormatException extends RuntimeException {

    BackupFormatException(String message) {
        super(message, null, false, false);
    }
}
