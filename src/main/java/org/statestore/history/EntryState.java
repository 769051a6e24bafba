package org.statestore.history;

/** Where one recorded run of a unit stands. */
public enum EntryState {
    /** Started and not yet finished: in progress, or cut off by a crash. */
    RUNNING,
    SUCCESS,
    FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
