package org.statestore.identity;

/** An identifier a new identity cannot have, because alchemiscale's {@code /token} could never log it in. */
public final class IdentifierRejectedException extends IllegalArgumentException {

    public IdentifierRejectedException(String message) {
        super(message);
    }
}
