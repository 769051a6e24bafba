package org.statestore.history.internal;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A run another tool recorded, to be copied into the chain as applied.
 *
 * @param entry         the entry as statestore stores it (its checksum is the other tool's, prefixed)
 * @param installedOn   when the other tool applied it
 * @param executionTime how long it took there
 * @param originalType  the other tool's unit type ({@code CYPHER}, {@code JAVA}, ...)
 */
public record ImportedRun(NewEntry entry, ZonedDateTime installedOn, Duration executionTime, String originalType) {

    public ImportedRun {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(installedOn, "installedOn");
        Objects.requireNonNull(executionTime, "executionTime");
        Objects.requireNonNull(originalType, "originalType");
    }
}
