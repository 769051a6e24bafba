package org.statestore.alchemiscale;

import java.time.Duration;

/** What {@link V03StoreGenerator#seed} did. */
public sealed interface SeedResult {

    /** The store was written. */
    record Seeded(long networks, long nodes, long relationships, Duration elapsed) implements SeedResult {
    }

    /** Nothing was written, for the reason given. */
    record Refused(String reason) implements SeedResult {
    }
}
