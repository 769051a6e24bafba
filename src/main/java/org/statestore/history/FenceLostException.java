package org.statestore.history;

/** A write was refused because the writer no longer holds the lease it started with. */
public final class FenceLostException extends RuntimeException {

    public FenceLostException(String message) {
        super(message, null, false, false);
    }
}
