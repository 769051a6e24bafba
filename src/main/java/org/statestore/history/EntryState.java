package org.statestore.history;

/** Where one recorded run of a unit stands. */
public enum EntryState {
    /** Started and not yet finished: in progress, or cut off by a crash. */
    RUNNING,
    SUCCESS,
    FAILED,
    /** Not a run: marks the version an existing, unversioned database was found at; older units are skipped. */
    BASELINE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
