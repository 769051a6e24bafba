package org.statestore.migrate;

/** A {@code --target} that names no known unit (the CLI's exit 6); nothing was written. */
public final class UnknownTargetException extends RuntimeException {

    public UnknownTargetException(String message) {
        super(message, null, false, false);
    }
}
