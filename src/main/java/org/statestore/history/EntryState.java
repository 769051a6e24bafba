package org.statestore.history;

import java.util.Locale;

/** Where one recorded run of a unit stands. */
public enum EntryState {
    /** Started and not yet finished: in progress, or cut off by a crash. */
    RUNNING,
    SUCCESS,
    FAILED,
    /** Not a run: marks the version an existing, unversioned database was found at; older units are skipped. */
    BASELINE,
    /** Applied, then rolled back by {@code migrate undo}; kept for audit, re-applied by the next {@code up}. */
    UNDONE,
    /** The unit was deleted on purpose and {@code migrate repair --forget} retired its entry; kept for audit. */
    FORGOTTEN,
    /** Not run: the unit's {@code // skip-unless:} precondition was not met by the server; re-checked by each {@code up}. */
    SKIPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
