package org.statestore.migrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;

/**
 * The comparison of local units with the history chain: each version's state, and the units an
 * {@code up} would apply, in order.
 *
 * <p>The newest run of a version decides its state. A failed unit whose checksum is unchanged blocks
 * every later unit (rerunning the same failing change cannot help); shipping a fixed unit unblocks it.
 */
public final class Plan {

    private final List<UnitStatus> statuses;
    private final List<PendingUnit> pending;
    private final Optional<UnitStatus> blocker;

    private Plan(List<UnitStatus> statuses, List<PendingUnit> pending, Optional<UnitStatus> blocker) {
        this.statuses = List.copyOf(statuses);
        this.pending = List.copyOf(pending);
        this.blocker = blocker;
    }

    /** Compares {@code units} with {@code history}; {@code target} limits what is pending. */
    public static Plan of(List<Unit> units, List<HistoryEntry> history, Optional<Version> target) {
        Map<Version, Unit> local = new HashMap<>();
        units.forEach(u -> local.put(u.version(), u));
        Map<Version, HistoryEntry> newest = new HashMap<>();
        Optional<Version> baseline = Optional.empty();
        for (HistoryEntry e : history) {
            newest.merge(parseRecorded(e), e, (a, b) -> a.seq() >= b.seq() ? a : b);
            if (e.state() == EntryState.BASELINE) {
                baseline = Optional.of(parseRecorded(e));
            }
        }
        TreeSet<Version> versions = new TreeSet<>(local.keySet());
        versions.addAll(newest.keySet());

        List<UnitStatus> statuses = new ArrayList<>();
        List<PendingUnit> pending = new ArrayList<>();
        UnitStatus blocker = null;
        for (Version v : versions) {
            Optional<Unit> unit = Optional.ofNullable(local.get(v));
            Optional<HistoryEntry> run = Optional.ofNullable(newest.get(v));
            UnitState state = run.isEmpty() && baseline.isPresent() && v.compareTo(baseline.get()) <= 0
                    ? UnitState.IGNORED : stateOf(unit, run, target);
            UnitStatus status = new UnitStatus(v, state, unit, run);
            statuses.add(status);
            if (unit.isEmpty() || target.isPresent() && v.compareTo(target.get()) > 0) {
                continue;
            }
            boolean failedUnchanged = state == UnitState.FAILED
                    && run.get().checksum().equals(unit.get().checksum());
            if (failedUnchanged && blocker == null) {
                blocker = status;
            }
            if (state == UnitState.PENDING || state == UnitState.RUNNING
                    || state == UnitState.FAILED && !failedUnchanged) {
                pending.add(new PendingUnit(unit.get(), run));
            }
        }
        return new Plan(statuses, pending, Optional.ofNullable(blocker));
    }

    private static UnitState stateOf(Optional<Unit> unit, Optional<HistoryEntry> run, Optional<Version> target) {
        if (run.isEmpty()) {
            boolean above = target.isPresent() && unit.get().version().compareTo(target.get()) > 0;
            return above ? UnitState.ABOVE_TARGET : UnitState.PENDING;
        }
        EntryState recorded = run.get().state();
        if (recorded == EntryState.SUCCESS && unit.isEmpty()) {
            return UnitState.MISSING;
        }
        return switch (recorded) {
            case SUCCESS -> UnitState.SUCCESS;
            case FAILED -> UnitState.FAILED;
            case RUNNING -> UnitState.RUNNING;
            case BASELINE -> UnitState.BASELINE;
        };
    }

    private static Version parseRecorded(HistoryEntry e) {
        return Version.parse(e.version());
    }

    public List<UnitStatus> statuses() {
        return statuses;
    }

    /** The units {@code up} applies, in version order (empty when blocked). */
    public List<PendingUnit> pending() {
        return blocker.isPresent() ? List.of() : pending;
    }

    /** A failed unit that must be fixed or repaired before anything else runs. */
    public Optional<UnitStatus> blocker() {
        return blocker;
    }

    /** The newest successfully applied version. */
    public Optional<Version> current() {
        return statuses.stream().filter(s -> s.state() == UnitState.SUCCESS || s.state() == UnitState.MISSING
                        || s.state() == UnitState.BASELINE)
                .map(UnitStatus::version).reduce((a, b) -> b);
    }
}
