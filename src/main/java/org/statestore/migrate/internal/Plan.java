package org.statestore.migrate.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitState;
import org.statestore.migrate.UnitStatus;
import org.statestore.migrate.UpOptions;
import org.statestore.migrate.Version;

/**
 * The comparison of local units with the history chain: each version's state, the units an
 * {@code up} would apply, in order, and what is wrong.
 *
 * <p>The newest run of a version decides its state. A failed unit whose checksum is unchanged blocks
 * every later unit (rerunning the same failing change cannot help) until a fixed unit is shipped or
 * {@code migrate repair} marks it for retry.
 */
public final class Plan {

    private final List<UnitStatus> statuses;
    private final List<PendingUnit> pending;
    private final Optional<UnitStatus> blocker;

    private final Optional<String> targetProblem;

    private Plan(List<UnitStatus> statuses, List<PendingUnit> pending, Optional<UnitStatus> blocker,
                 Optional<String> targetProblem) {
        this.statuses = List.copyOf(statuses);
        this.pending = List.copyOf(pending);
        this.blocker = blocker;
        this.targetProblem = targetProblem;
    }

    /** Compares {@code units} with {@code history}; {@code target} limits what is pending. */
    public static Plan of(List<Unit> units, List<HistoryEntry> history, Optional<Version> target) {
        return of(units, history, target, false);
    }

    /** As {@link #of(List, List, Optional)}; with {@code outOfOrder}, pending units older than applied ones run too. */
    public static Plan of(List<Unit> units, List<HistoryEntry> history, Optional<Version> target, boolean outOfOrder) {
        return of(units, history, target, new UpOptions(false, outOfOrder, false));
    }

    /** As {@link #of(List, List, Optional, boolean)}, the out-of-order and retry choices taken from {@code options}. */
    public static Plan of(List<Unit> units, List<HistoryEntry> history, Optional<Version> target, UpOptions options) {
        boolean outOfOrder = options.outOfOrder();
        Map<Version, Unit> local = new HashMap<>();
        units.stream().filter(u -> !(u instanceof RepeatableUnit)).forEach(u -> local.put(u.version(), u));
        Map<Version, HistoryEntry> newest = new HashMap<>();
        Optional<Version> baseline = Optional.empty();
        Optional<Version> maxApplied = Optional.empty();
        for (HistoryEntry e : history) {
            if (isRepeatable(e)) {
                continue;
            }
            Version v = Version.parse(e.version());
            newest.merge(v, e, (a, b) -> a.seq() >= b.seq() ? a : b);
        }
        for (Map.Entry<Version, HistoryEntry> e : newest.entrySet()) {
            EntryState s = e.getValue().state();
            if (s == EntryState.BASELINE) {
                baseline = Optional.of(e.getKey());
            }
            if ((s == EntryState.SUCCESS || s == EntryState.BASELINE || s == EntryState.SKIPPED)
                    && (maxApplied.isEmpty() || e.getKey().compareTo(maxApplied.get()) > 0)) {
                maxApplied = Optional.of(e.getKey());
            }
        }
        Optional<Version> maxLocal = local.keySet().stream().max(Version::compareTo);
        TreeSet<Version> versions = new TreeSet<>(local.keySet());
        versions.addAll(newest.keySet());

        List<UnitStatus> statuses = new ArrayList<>();
        List<PendingUnit> pending = new ArrayList<>();
        UnitStatus blocker = null;
        for (Version v : versions) {
            Optional<Unit> unit = Optional.ofNullable(local.get(v));
            Optional<HistoryEntry> run = Optional.ofNullable(newest.get(v));
            UnitState state = run.isPresent() ? recordedState(v, unit, run.get(), maxLocal)
                    : unrecordedState(v, baseline, target, maxApplied);
            UnitStatus status = new UnitStatus(v, state, unit, run);
            statuses.add(status);
            boolean withinTarget = target.isEmpty() || v.compareTo(target.get()) <= 0;
            if (unit.isEmpty() || !withinTarget) {
                continue;
            }
            boolean failedUnchanged = state == UnitState.FAILED && !run.get().retryRequested() && !options.retryFailed()
                    && run.get().checksum().equals(unit.get().checksum());
            if (failedUnchanged && blocker == null) {
                blocker = status;
            }
            boolean runs = switch (state) {
                case PENDING, RUNNING, UNDONE, SKIPPED -> true;
                case FAILED -> !failedUnchanged;
                case OUT_OF_ORDER -> outOfOrder;
                default -> false;
            };
            if (runs) {
                pending.add(new PendingUnit(unit.get(), run));
            }
        }
        addRepeatables(units, history, statuses, pending);
        Optional<String> targetProblem = target.flatMap(t -> Targets.problem(t, versions));
        return new Plan(statuses, pending, Optional.ofNullable(blocker), targetProblem);
    }

    /** True for the runs of repeatable units, which are keyed by description rather than version. */
    public static boolean isRepeatable(HistoryEntry e) {
        return RepeatableUnit.VERSION_TEXT.equals(e.version());
    }

    /**
     * Repeatable units come after the versioned ones, by description: up to date ({@code success}) when
     * the newest run of the same description succeeded with the same checksum, else pending (never run,
     * changed since, or its last run failed or was cut off). Recorded runs of deleted repeatable units
     * are not listed.
     */
    private static void addRepeatables(List<Unit> units, List<HistoryEntry> history, List<UnitStatus> statuses,
                                       List<PendingUnit> pending) {
        Map<String, HistoryEntry> newest = new HashMap<>();
        for (HistoryEntry e : history) {
            if (isRepeatable(e)) {
                newest.merge(e.description(), e, (a, b) -> a.seq() >= b.seq() ? a : b);
            }
        }
        for (Unit u : units) {
            if (!(u instanceof RepeatableUnit r)) {
                continue;
            }
            Optional<HistoryEntry> run = Optional.ofNullable(newest.get(r.description()));
            boolean upToDate = run.isPresent() && run.get().state() == EntryState.SUCCESS
                    && run.get().checksum().equals(r.checksum());
            UnitState state = upToDate ? UnitState.SUCCESS
                    : run.isPresent() && run.get().state() == EntryState.FAILED ? UnitState.FAILED
                    : run.isPresent() && run.get().state() == EntryState.SKIPPED
                            && run.get().checksum().equals(r.checksum()) ? UnitState.SKIPPED
                    : UnitState.PENDING;
            statuses.add(new UnitStatus(r.version(), state, Optional.of(r), run));
            if (!upToDate) {
                // A new entry per run: the previous one stays as it was.
                pending.add(new PendingUnit(r, run.filter(e -> e.state() == EntryState.SKIPPED)));
            }
        }
    }

    private static UnitState recordedState(Version v, Optional<Unit> unit, HistoryEntry run, Optional<Version> maxLocal) {
        return switch (run.state()) {
            case SUCCESS -> unit.isPresent() ? UnitState.SUCCESS
                    : maxLocal.isEmpty() || v.compareTo(maxLocal.get()) > 0 ? UnitState.FUTURE : UnitState.MISSING;
            case FAILED -> UnitState.FAILED;
            case RUNNING -> UnitState.RUNNING;
            case BASELINE -> UnitState.BASELINE;
            case UNDONE -> UnitState.UNDONE;
            case FORGOTTEN -> UnitState.FORGOTTEN;
            case SKIPPED -> UnitState.SKIPPED;
        };
    }

    private static UnitState unrecordedState(Version v, Optional<Version> baseline, Optional<Version> target,
                                             Optional<Version> maxApplied) {
        if (baseline.isPresent() && v.compareTo(baseline.get()) <= 0) {
            return UnitState.IGNORED;
        }
        if (target.isPresent() && v.compareTo(target.get()) > 0) {
            return UnitState.ABOVE_TARGET;
        }
        if (maxApplied.isPresent() && v.compareTo(maxApplied.get()) < 0) {
            return UnitState.OUT_OF_ORDER;
        }
        return UnitState.PENDING;
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

    /**
     * Why the target names no unit (neither a local unit's version nor one recorded in the chain), with the
     * nearest known versions; empty without a target or when it names one.
     */
    public Optional<String> targetProblem() {
        return targetProblem;
    }

    /** The newest applied version (or the baseline). */
    public Optional<Version> current() {
        return statuses.stream().filter(s -> !s.repeatable()).filter(s -> s.state() == UnitState.SUCCESS || s.state() == UnitState.MISSING
                        || s.state() == UnitState.BASELINE || s.state() == UnitState.FUTURE)
                .map(UnitStatus::version).reduce((a, b) -> b);
    }

    /**
     * What disagrees between local units and the chain, one line per finding: a target naming no unit, edited applied units,
     * applied units missing locally, out-of-order pending units (unless allowed), and, when
     * {@code strict}, future units.
     */
    public List<String> problems(boolean strict, boolean outOfOrder) {
        List<String> findings = new ArrayList<>();
        // A target that names no unit is a typo until proven otherwise: nothing runs.
        targetProblem.ifPresent(p -> findings.add(p + "; nothing was applied"));
        for (UnitStatus s : statuses) {
            if (s.repeatable()) {
                continue;
            }
            switch (s.state()) {
                case SUCCESS -> {
                    if (!s.checksumMatches().orElse(true)) {
                        findings.add("unit " + s.version() + " (" + s.local().get().source() + ") was changed after "
                                + "it was applied: local checksum " + s.local().get().checksum() + ", recorded "
                                + s.recorded().get().checksum() + "; restore it, or accept it with "
                                + "'migrate repair --accept-checksum " + s.version() + "'");
                    }
                }
                case MISSING -> findings.add("unit " + s.version() + " (" + s.recorded().get().source() + ") was "
                        + "applied but is not found locally; restore it, or retire it with 'migrate repair --forget "
                        + s.version() + "'");
                case OUT_OF_ORDER -> {
                    if (!outOfOrder) {
                        findings.add("unit " + s.version() + " is pending but older than the newest applied unit; "
                                + "apply it with --out-of-order, or give it a newer version");
                    }
                }
                case FUTURE -> {
                    if (strict) {
                        findings.add(futureWarning(s));
                    }
                }
                default -> { }
            }
        }
        return findings;
    }

    /** Warnings that are not problems unless strict: units applied by a newer release. */
    public List<String> warnings() {
        return statuses.stream().filter(s -> s.state() == UnitState.FUTURE).map(Plan::futureWarning).toList();
    }

    private static String futureWarning(UnitStatus s) {
        return "unit " + s.version() + " (" + s.description() + ") was applied by a newer release and is unknown here";
    }
}
