package org.statestore.migrate;

import java.time.Duration;

/** A unit the runner applied in this run, with its transaction mode and how long it took. */
public record AppliedUnit(Version version, String description, UnitType type, String checksum,
                          TransactionMode mode, Duration elapsed) {
}
