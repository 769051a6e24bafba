package org.statestore;

import org.statestore.history.HistoryEntry;

/** What {@code migrate baseline} did. */
public sealed interface BaselineResult {

    /** The baseline entry was written as the chain's first entry. */
    record Recorded(HistoryEntry entry) implements BaselineResult {
    }

    /** Nothing was written, for the reason given. */
    record Refused(String reason) implements BaselineResult {
    }
}
