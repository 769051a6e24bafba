package org.statestore.migrate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.cypher.CypherScript;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.RecordedRollback;
import org.statestore.lock.Holder;
import org.statestore.lock.LeaseState;
import org.statestore.lock.internal.LeaseView;
import org.statestore.migrate.CypherUnit;
import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitState;
import org.statestore.migrate.UnitStatus;
import org.statestore.migrate.Version;

@DisplayName("Which unit a live migrate up run is applying, from its lease and the history")
class RunningUnitsTest {

    private static final ZonedDateTime AT = ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    private static final LeaseState HELD = new LeaseState(new Holder("id", "host", 7, "migrate up"), AT, AT, AT);
    private static final Unit ONE = unit("1", "One");
    private static final Unit TWO = unit("2", "Two");
    private static final Unit THREE = unit("3", "Three");
    private static final Unit VIEWS = new RepeatableUnit("Views", "R__Views.cypher",
            CypherScript.parse("R__Views.cypher", "CREATE (n);"), List.of());

    private static Unit unit(String version, String description) {
        return new CypherUnit(Version.parse(version), description, "V" + version + "__" + description + ".cypher",
                CypherScript.parse("V" + version + ".cypher", "CREATE (n);"));
    }

    private static HistoryEntry entry(long seq, Unit unit, EntryState state) {
        return new HistoryEntry("e" + seq, seq, unit.version().text(), unit.description(), unit.type().name(),
                unit.checksum(), unit.source(), "me@host", AT, Optional.empty(), state, RecordedRollback.none(), "single",
                0, "", Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    private static Optional<LeaseView> lease(long afterSeq, boolean grouped, Unit... units) {
        return Optional.of(new LeaseView(HELD, List.of(units).stream().map(RunningUnits::leased).toList(), afterSeq,
                grouped));
    }

    private static List<UnitState> states(List<HistoryEntry> chain, Optional<LeaseView> lease, Unit... units) {
        List<UnitStatus> statuses = List.of(units).stream()
                .map(u -> new UnitStatus(u.version(), UnitState.PENDING, Optional.of(u), Optional.empty())).toList();
        return RunningUnits.mark(statuses, chain, lease).stream().map(UnitStatus::state).toList();
    }

    @Test
    @DisplayName("the first of the run's units without an entry since the run began is running; the rest wait")
    void firstUnrecorded() {
        List<HistoryEntry> chain = List.of(entry(1, ONE, EntryState.SUCCESS), entry(2, TWO, EntryState.SUCCESS));
        assertEquals(List.of(UnitState.PENDING, UnitState.RUNNING, UnitState.PENDING),
                states(chain, lease(1, false, TWO, THREE, VIEWS), TWO, THREE, VIEWS));
    }

    @Test
    @DisplayName("an entry older than the run does not count: a retried unit is running again")
    void olderEntriesDoNotCount() {
        List<HistoryEntry> chain = List.of(entry(1, ONE, EntryState.FAILED));
        assertEquals(List.of(UnitState.RUNNING, UnitState.PENDING), states(chain, lease(1, false, ONE, TWO), ONE, TWO));
    }

    @Test
    @DisplayName("skipped units are passed, a repeatable unit is known by its description")
    void skippedAndRepeatable() {
        List<HistoryEntry> chain = List.of(entry(1, ONE, EntryState.SKIPPED));
        assertEquals(List.of(UnitState.PENDING, UnitState.RUNNING), states(chain, lease(0, false, ONE, VIEWS), ONE, VIEWS));
    }

    @Test
    @DisplayName("a failed entry since the run began ends it: nothing is running")
    void failureEndsTheRun() {
        List<HistoryEntry> chain = List.of(entry(1, ONE, EntryState.FAILED));
        assertEquals(List.of(UnitState.PENDING, UnitState.PENDING), states(chain, lease(0, false, ONE, TWO), ONE, TWO));
    }

    @Test
    @DisplayName("in a group every unit not yet recorded is running, since they commit together")
    void groupAllRunning() {
        assertEquals(List.of(UnitState.RUNNING, UnitState.RUNNING, UnitState.RUNNING),
                states(List.of(), lease(0, true, ONE, TWO, THREE), ONE, TWO, THREE));
    }

    @Test
    @DisplayName("without a lease, or once every unit of the run is recorded, the chain alone decides")
    void noLeaseOrFinished() {
        assertEquals(List.of(UnitState.PENDING), states(List.of(), Optional.empty(), ONE));
        List<HistoryEntry> chain = List.of(entry(1, ONE, EntryState.SUCCESS));
        assertEquals(List.of(UnitState.PENDING), states(chain, lease(0, false, ONE), ONE));
    }
}
