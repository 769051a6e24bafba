package org.statestore.migrate;

import java.util.Optional;

import org.statestore.history.HistoryEntry;

/**
 * One line of {@code migrate info}: a version with its local unit (when shipped) and its newest
 * recorded run (when any).
 */
public record UnitStatus(Version version, UnitState state, Optional<Unit> local, Optional<HistoryEntry> recorded) {

    public String description() {
        return local.map(Unit::description).orElseGet(() -> recorded.map(HistoryEntry::description).orElse(""));
    }

    public String type() {
        return local.map(u -> u.type().name()).orElseGet(() -> recorded.map(HistoryEntry::type).orElse(""));
    }

    /** Empty when there is nothing to compare (not shipped, or never recorded). */
    public Optional<Boolean> checksumMatches() {
        if (local.isEmpty() || recorded.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(local.get().checksum().equals(recorded.get().checksum()));
    }
}
