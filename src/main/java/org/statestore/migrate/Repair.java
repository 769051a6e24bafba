package org.statestore.migrate;

import java.util.List;
import java.util.Optional;

/**
 * What a repair ({@code Statestore.repair}) is asked to do and what it did. A repair fixes the chain's view of
 * things, explicitly and one change at a time: failed runs marked for retry, an edited unit's new checksum
 * accepted, a deleted unit's entry retired. It never touches data.
 */
public final class Repair {

    private Repair() {
    }

    /** What to repair: with neither version, every failed run is marked for retry. */
    public record Request(Optional<Version> acceptChecksum, Optional<Version> forget) {
    }

    /** The outcome: the changes made (one line each), or why nothing was done. */
    public sealed interface Outcome {
        /** Changes made, possibly none. */
        record Repaired(List<String> changes) implements Outcome {
            public Repaired {
                changes = List.copyOf(changes);
            }
        }

        /** Nothing was changed, for the reason given. */
        record Refused(String reason) implements Outcome {
        }
    }
}
