package org.statestore.migrate;

import java.util.Locale;

/** Where a unit stands against one database, as {@code migrate info} shows it. */
public enum UnitState {
    /** Known locally, not applied. */
    PENDING,
    /** Its newest run began and has not finished (in progress, or cut off). */
    RUNNING,
    SUCCESS,
    /** Its newest run failed; it blocks later units until fixed. */
    FAILED,
    /** Recorded as applied but no longer shipped locally. */
    MISSING,
    /** Pending, but beyond the {@code --target} version. */
    ABOVE_TARGET,
    /** The version an unversioned database was baselined at. */
    BASELINE,
    /** At or below the baseline and never run: the database already had it. */
    IGNORED,
    /** Applied, then rolled back by {@code migrate undo}; the next {@code up} applies it again. */
    UNDONE,
    /** Applied by a newer release: recorded, unknown here, and newer than every local unit. */
    FUTURE,
    /** Pending, but older than the newest applied unit (applied only with {@code --out-of-order}). */
    OUT_OF_ORDER,
    /** A deleted unit whose entry {@code migrate repair --forget} retired. */
    FORGOTTEN,
    SKIPPED;

    /** The lower-case, hyphenated name used in tables and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
