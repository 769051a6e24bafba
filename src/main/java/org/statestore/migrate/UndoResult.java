package org.statestore.migrate;

import java.util.List;
import java.util.Optional;

import org.statestore.history.EntryError;
import org.statestore.lock.LeaseState;

/** What {@code migrate undo} did. */
public sealed interface UndoResult {

    /** Versions rolled back in this run, newest first. */
    List<Version> undone();

    /** Everything asked for was rolled back (possibly nothing, when nothing was applied above the target). */
    record Undone(List<Version> undone) implements UndoResult {
        public Undone {
            undone = List.copyOf(undone);
        }
    }

    /** Stopped at an irreversible entry; it and everything below it are untouched. */
    record StoppedAtIrreversible(List<Version> undone, Version version, String description, String note)
            implements UndoResult {
        public StoppedAtIrreversible {
            undone = List.copyOf(undone);
        }
    }

    /** Stopped at a baseline entry: undo never goes below what statestore did not apply itself. */
    record StoppedAtBaseline(List<Version> undone, Version baseline) implements UndoResult {
        public StoppedAtBaseline {
            undone = List.copyOf(undone);
        }
    }

    /** An undo failed; the entry stays applied, and nothing below it was touched. */
    record UndoFailed(List<Version> undone, Version version, EntryError error) implements UndoResult {
        public UndoFailed {
            undone = List.copyOf(undone);
        }
    }

    /** Another process held the migration lock for the whole lock timeout. */
    record LockTimeout(Optional<LeaseState> heldBy, String message) implements UndoResult {
        @Override
        public List<Version> undone() {
            return List.of();
        }
    }
}
