package org.statestore.migrate;

import java.util.Optional;

import org.statestore.history.HistoryEntry;

/**
 * One line of {@code migrate info}: a version with its local unit (when shipped) and its newest
 * recorded run (when any).
 */
public record UnitStatus(Version version, UnitState state, Optional<Unit> local, Optional<HistoryEntry> recorded) {

    /** A repeatable unit's line: keyed by description, its version column reads {@code R}. */
    public boolean repeatable() {
        return local.map(u -> u instanceof RepeatableUnit).orElse(false);
    }

    public String description() {
        return local.map(Unit::description).orElseGet(() -> recorded.map(HistoryEntry::description).orElse(""));
    }

    public String type() {
        return local.map(u -> u.type().name()).orElseGet(() -> recorded.map(HistoryEntry::type).orElse(""));
    }

    /**
     * Empty when there is nothing to compare (not shipped, never recorded, or imported from another tool,
     * whose checksums follow that tool's algorithm).
     */
    public Optional<Boolean> checksumMatches() {
        if (local.isEmpty() || recorded.isEmpty() || recorded.get().imported()) {
            return Optional.empty();
        }
        return Optional.of(local.get().checksum().equals(recorded.get().checksum()));
    }
}
