package org.statestore.identity;

/** A key that cannot be stored or checked safely; the message says why without showing the key. */
public final class KeyRejectedException extends IllegalArgumentException {

    KeyRejectedException(String message) {
        super(message);
    }
}
