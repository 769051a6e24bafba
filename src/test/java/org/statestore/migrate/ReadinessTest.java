package org.statestore.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Readiness, as migrate status --check judges it")
class ReadinessTest {

    private static UnitStatus unit(String version, UnitState state) {
        return new UnitStatus(Version.parse(version), state, Optional.empty(), Optional.empty());
    }

    @Test
    @DisplayName("a database with every unit applied, baselined or ignored is ready")
    void appliedIsReady() {
        Readiness r = Readiness.of(List.of(unit("1", UnitState.BASELINE), unit("2", UnitState.IGNORED),
                unit("3", UnitState.SUCCESS)));
        assertEquals(Readiness.Verdict.READY, r.verdict());
        assertTrue(r.ready());
        assertEquals(List.of(), r.pending());
    }

    @Test
    @DisplayName("no units at all is ready")
    void nothingIsReady() {
        assertEquals(Readiness.Verdict.READY, Readiness.of(List.of()).verdict());
    }

    @Test
    @DisplayName("a pending unit makes it pending, and so does a running one")
    void pendingOrRunning() {
        Readiness pending = Readiness.of(List.of(unit("1", UnitState.SUCCESS), unit("2", UnitState.PENDING)));
        assertEquals(Readiness.Verdict.PENDING, pending.verdict());
        assertEquals(List.of(Version.parse("2")), pending.pending());
        Readiness running = Readiness.of(List.of(unit("1", UnitState.RUNNING)));
        assertEquals(Readiness.Verdict.PENDING, running.verdict());
        assertEquals(List.of(Version.parse("1")), running.running());
        assertFalse(running.ready());
    }

    @Test
    @DisplayName("a failed unit makes it failed, even with units pending or running")
    void failedWins() {
        Readiness r = Readiness.of(List.of(unit("1", UnitState.SUCCESS), unit("2", UnitState.FAILED),
                unit("3", UnitState.PENDING), unit("4", UnitState.RUNNING)));
        assertEquals(Readiness.Verdict.FAILED, r.verdict());
        assertEquals(List.of(Version.parse("2")), r.failed());
        assertEquals(List.of(Version.parse("3")), r.pending());
        assertEquals(List.of(Version.parse("4")), r.running());
    }

    @Test
    @DisplayName("other states hold nothing back: missing, future, above target, out of order, undone, forgotten, skipped")
    void otherStatesDoNotBlock() {
        Readiness r = Readiness.of(List.of(unit("1", UnitState.MISSING), unit("2", UnitState.FUTURE),
                unit("3", UnitState.ABOVE_TARGET), unit("4", UnitState.OUT_OF_ORDER), unit("5", UnitState.UNDONE),
                unit("6", UnitState.FORGOTTEN), unit("7", UnitState.SKIPPED)));
        assertEquals(Readiness.Verdict.READY, r.verdict());
    }

    @Test
    @DisplayName("the version lists keep the units' order")
    void keepsOrder() {
        Readiness r = Readiness.of(List.of(unit("0.7.0", UnitState.PENDING), unit("0.4.0", UnitState.SUCCESS),
                unit("0.7.1", UnitState.PENDING)));
        assertEquals(List.of(Version.parse("0.7.0"), Version.parse("0.7.1")), r.pending());
    }
}
