package org.statestore.migrate;

import java.util.List;
import java.util.Optional;

import org.statestore.history.EntryError;
import org.statestore.lock.LeaseState;

/** What {@code migrate up} did. */
public sealed interface UpResult {

    /** Units applied before this result was reached (possibly none). */
    List<AppliedUnit> applied();

    /** Every pending unit (up to the target) was applied. */
    record Applied(List<AppliedUnit> applied, Optional<Version> current) implements UpResult {
        public Applied {
            applied = List.copyOf(applied);
        }
    }

    /**
     * Nothing was pending; nothing was written.
     *
     * @param tookLock whether the lease was taken (a follower that waited for another process's run)
     */
    record UpToDate(Optional<Version> current, boolean tookLock) implements UpResult {
        @Override
        public List<AppliedUnit> applied() {
            return List.of();
        }
    }

    /**
     * A unit failed; it is recorded as failed and nothing after it ran. In a group ({@link UpOptions#group()}) the
     * whole group rolled back: {@code applied} is empty and nothing was recorded.
     */
    record UnitFailed(List<AppliedUnit> applied, Unit failed, EntryError error) implements UpResult {
        public UnitFailed {
            applied = List.copyOf(applied);
        }
    }

    /** An earlier run of {@code blocker} failed and the unit is unchanged, so nothing ran. */
    record Blocked(UnitStatus blocker) implements UpResult {
        @Override
        public List<AppliedUnit> applied() {
            return List.of();
        }
    }

    /** Local units disagree with the chain (an applied unit was edited, a resumed prefix changed); nothing ran. */
    record ValidationFailed(List<String> findings) implements UpResult {
        public ValidationFailed {
            findings = List.copyOf(findings);
        }

        @Override
        public List<AppliedUnit> applied() {
            return List.of();
        }
    }

    /** The backup asked for before applying could not be taken; nothing ran. */
    record BackupFailed(String message) implements UpResult {
        @Override
        public List<AppliedUnit> applied() {
            return List.of();
        }
    }

    /** Another process held the lease for the whole lock timeout; nothing ran. */
    record LockTimeout(Optional<LeaseState> heldBy, String message) implements UpResult {
        @Override
        public List<AppliedUnit> applied() {
            return List.of();
        }
    }

    /** The lease expired and was taken over mid-run; this process stopped writing. */
    record LeaseLost(List<AppliedUnit> applied, Optional<Unit> during) implements UpResult {
        public LeaseLost {
            applied = List.copyOf(applied);
        }
    }

    /**
     * A stop was requested (SIGTERM/SIGINT). A piecewise unit in progress stays recorded as interrupted and resumes next
     * run; a single-transaction unit (or a group) in progress rolled back, left no entry, and is applied next run.
     */
    record Interrupted(List<AppliedUnit> applied, Optional<Unit> during, int statementsDone) implements UpResult {
        public Interrupted {
            applied = List.copyOf(applied);
        }
    }
}
