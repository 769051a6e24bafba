package org.statestore.migrate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.lock.internal.LeaseView;
import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitState;
import org.statestore.migrate.UnitStatus;
import org.statestore.migrate.Version;

/**
 * Which units a live {@code migrate up} run is applying, from the run the lease names and the history: a
 * single-transaction unit has no entry until it commits, so the chain alone shows it pending while it runs.
 *
 * <p>The run's units, in order, are passed while their entries newer than the run's start say they finished
 * (success, skipped); the first with no such entry is the one running. A newer entry that is {@code running}
 * (a unit that commits piece by piece) is that unit; a failed one ended the run. In a group every unit not yet
 * recorded is running, since they commit together.
 */
public final class RunningUnits {

    private RunningUnits() {
    }

    /** {@code statuses} with the units {@code lease}'s run is applying now marked {@link UnitState#RUNNING}. */
    public static List<UnitStatus> mark(List<UnitStatus> statuses, List<HistoryEntry> chain, Optional<LeaseView> lease) {
        List<LeaseView.Unit> running = lease.map(l -> running(l, chain)).orElse(List.of());
        if (running.isEmpty()) {
            return statuses;
        }
        List<UnitStatus> marked = new ArrayList<>(statuses.size());
        for (UnitStatus s : statuses) {
            boolean now = s.local().isPresent() && running.stream().anyMatch(u -> names(u, s.local().get()));
            marked.add(now ? new UnitStatus(s.version(), UnitState.RUNNING, s.local(), s.recorded()) : s);
        }
        return marked;
    }

    /** The units of {@code lease}'s run that are running according to {@code chain}. */
    static List<LeaseView.Unit> running(LeaseView lease, List<HistoryEntry> chain) {
        List<LeaseView.Unit> running = new ArrayList<>();
        for (LeaseView.Unit u : lease.applying()) {
            Optional<HistoryEntry> since = chain.stream().filter(e -> e.seq() > lease.afterSeq() && names(u, e))
                    .reduce((a, b) -> b.seq() > a.seq() ? b : a);
            EntryState state = since.map(HistoryEntry::state).orElse(EntryState.RUNNING);
            if (state == EntryState.SUCCESS || state == EntryState.SKIPPED) {
                continue;
            }
            if (state != EntryState.RUNNING) {
                return List.of(); // the run failed, so it applies nothing more
            }
            running.add(u);
            if (!lease.grouped()) {
                break;
            }
        }
        return running;
    }

    private static boolean names(LeaseView.Unit u, HistoryEntry e) {
        if (isRepeatable(u) || Plan.isRepeatable(e)) {
            return isRepeatable(u) && Plan.isRepeatable(e) && u.description().equals(e.description());
        }
        return sameVersion(u.version(), e.version());
    }

    private static boolean names(LeaseView.Unit u, Unit local) {
        if (local instanceof RepeatableUnit r) {
            return isRepeatable(u) && u.description().equals(r.description());
        }
        return !isRepeatable(u) && sameVersion(u.version(), local.version().text());
    }

    private static boolean isRepeatable(LeaseView.Unit u) {
        return RepeatableUnit.VERSION_TEXT.equals(u.version());
    }

    /** Versions as written may differ ("1.0" and "1_0"); the plan compares them parsed. */
    private static boolean sameVersion(String a, String b) {
        try {
            return Version.parse(a).equals(Version.parse(b));
        } catch (IllegalArgumentException notAVersion) {
            return false; // a lease edited by hand names no unit
        }
    }

    /** How a run names {@code unit} on the lease. */
    public static LeaseView.Unit leased(Unit unit) {
        return new LeaseView.Unit(unit.version().text(), unit.description());
    }
}
