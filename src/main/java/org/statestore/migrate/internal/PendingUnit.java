package org.statestore.migrate.internal;

import java.util.Optional;

import org.statestore.history.HistoryEntry;
import org.statestore.migrate.Unit;

/** A unit the runner will apply, with the run it replaces when it is a retry. */
public record PendingUnit(Unit unit, Optional<HistoryEntry> previousRun) {

    /** Why the unit runs: first time, after a failure with a changed unit, or after an interrupted run. */
    public String reason() {
        return previousRun.map(e -> switch (e.state()) {
            case FAILED -> e.retryRequested() ? "retry of a failed run, as repaired" : "retry of a failed run with a changed unit";
            case RUNNING -> "rerun of an interrupted run";
            case UNDONE -> "re-apply after undo";
            case SKIPPED -> "its precondition is met now";
            case SUCCESS, BASELINE, FORGOTTEN -> "rerun";
        }).orElse("new");
    }
}
