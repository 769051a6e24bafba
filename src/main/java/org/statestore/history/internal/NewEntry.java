package org.statestore.history.internal;

import java.util.Objects;

import org.statestore.history.RecordedRollback;

/** What is known of a unit run before it starts; the chain adds sequence, time and state. */
public record NewEntry(String version, String description, String type, String checksum, String source,
                       String installedBy, RecordedRollback rollback, String transactionMode) {

    public NewEntry {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(installedBy, "installedBy");
        Objects.requireNonNull(rollback, "rollback");
        Objects.requireNonNull(transactionMode, "transactionMode");
    }
}
