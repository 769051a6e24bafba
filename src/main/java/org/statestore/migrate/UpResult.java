package org.statestore.migrate;

import java.util.List;
import java.util.Optional;

import org.statestore.history.EntryError;

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

    /** Nothing was pending; nothing was written. */
    record UpToDate(Optional<Version> current) implements UpResult {
        @Override
        public List<AppliedUnit> applied() {
            return List.of();
        }
    }

    /** A unit failed; it is recorded as failed and nothing after it ran. */
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
}
