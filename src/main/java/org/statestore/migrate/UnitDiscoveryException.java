package org.statestore.migrate;

/** Units could not be collected: bad names, duplicate versions, unreadable or unparsable files. */
public final class UnitDiscoveryException extends RuntimeException {

    public UnitDiscoveryException(String message) {
        super(message, null, false, false);
    }
}
