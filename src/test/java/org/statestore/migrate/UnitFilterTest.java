package org.statestore.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.RecordedRollback;

@DisplayName("The migrate info filter")
class UnitFilterTest {

    private static final Instant NOV_1 = Instant.parse("2026-11-01T00:00:00Z");

    private static UnitStatus pending(String version) {
        return new UnitStatus(Version.parse(version), UnitState.PENDING, Optional.empty(), Optional.empty());
    }

    private static UnitStatus applied(String version, Instant installedOn) {
        HistoryEntry entry = new HistoryEntry("id-" + version, 1, version, "unit " + version, "CYPHER", "c", "s",
                "tester", ZonedDateTime.ofInstant(installedOn, ZoneOffset.ofHours(2)), Optional.empty(),
                EntryState.SUCCESS, RecordedRollback.none(), "ONE", 0, "", Optional.empty(), false, Optional.empty(),
                Optional.empty());
        return new UnitStatus(Version.parse(version), UnitState.SUCCESS, Optional.empty(), Optional.of(entry));
    }

    @Test
    @DisplayName("with no states and no time it keeps every unit")
    void allKeepsEverything() {
        List<UnitStatus> units = List.of(pending("2"), applied("1", NOV_1));
        assertEquals(units, UnitFilter.ALL.apply(units));
    }

    @Test
    @DisplayName("with states it keeps only units in one of them")
    void byState() {
        UnitFilter onlyPending = new UnitFilter(Set.of(UnitState.PENDING, UnitState.FAILED), Optional.empty());
        assertTrue(onlyPending.test(pending("2")));
        assertFalse(onlyPending.test(applied("1", NOV_1)));
    }

    @Test
    @DisplayName("with a time it keeps units installed at or after it, whatever the entry's zone")
    void sinceIsInclusive() {
        UnitFilter since = new UnitFilter(Set.of(), Optional.of(NOV_1));
        assertTrue(since.test(applied("1", NOV_1)));
        assertTrue(since.test(applied("2", NOV_1.plusSeconds(1))));
        assertFalse(since.test(applied("3", NOV_1.minusSeconds(1))));
    }

    @Test
    @DisplayName("with a time it leaves out units never recorded, which have no install time")
    void sinceDropsUnrecorded() {
        assertFalse(new UnitFilter(Set.of(), Optional.of(NOV_1)).test(pending("2")));
    }

    @Test
    @DisplayName("states and time together must both hold, and the kept units stay in order")
    void bothMustHold() {
        UnitFilter filter = new UnitFilter(Set.of(UnitState.SUCCESS), Optional.of(NOV_1));
        List<UnitStatus> units = List.of(applied("1", NOV_1.minusSeconds(60)), pending("4"),
                applied("2", NOV_1.plusSeconds(60)), applied("3", NOV_1.plusSeconds(120)));
        assertEquals(List.of("2", "3"), filter.apply(units).stream().map(u -> u.version().text()).toList());
    }
}
