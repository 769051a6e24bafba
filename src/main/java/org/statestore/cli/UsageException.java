package org.statestore.cli;

/** A flag or argument the commands cannot use; reported in one line with exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message, null, false, false);
    }
}
