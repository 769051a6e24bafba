package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.statestore.InfoReport;
import org.statestore.cypher.CypherScript;
import org.statestore.history.EntryError;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.RecordedRollback;
import org.statestore.lock.Holder;
import org.statestore.lock.LeaseState;
import org.statestore.migrate.CypherUnit;
import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitState;
import org.statestore.migrate.UnitStatus;
import org.statestore.migrate.Version;

@DisplayName("migrate info and migrate status as reports, without a database")
class InfoReportsTest {

    private static final Version V1 = Version.parse("1");
    private static final Version V2 = Version.parse("2");
    private static final Version V3 = Version.parse("3");
    // Not UTC: the table shows installation times in UTC whatever zone the server answered in.
    private static final ZonedDateTime AT = ZonedDateTime.of(2024, 5, 1, 14, 0, 0, 0, ZoneId.of("Europe/Berlin"));
    private static final Unit FIRST = unit(V1, "First");
    private static final Unit SECOND = unit(V2, "Second");
    private static final LeaseState LEASE = new LeaseState(new Holder("id", "host-1", 42, "migrate up"), AT, AT, AT);

    private static Unit unit(Version version, String description) {
        return new CypherUnit(version, description, "units/V" + version + "__" + description + ".cypher",
                CypherScript.parse("V" + version + "__" + description + ".cypher", "CREATE (n);"));
    }

    private static HistoryEntry entry(Unit unit, String checksum, EntryState state, Optional<Duration> time,
                                      Optional<EntryError> error, Optional<String> importedFrom) {
        return new HistoryEntry("id", 1, unit.version().text(), unit.description(), unit.type().name(), checksum,
                unit.source(), "alice@host", AT, time, state, new RecordedRollback(RecordedRollback.UNDO_SCRIPT, "by hand",
                List.of(), "", "", ""), "single", 0, "", error, false, Optional.empty(), importedFrom);
    }

    private static HistoryEntry applied(Unit unit) {
        return entry(unit, unit.checksum(), EntryState.SUCCESS, Optional.of(Duration.ofMillis(42)), Optional.empty(),
                Optional.empty());
    }

    private static UnitStatus status(Unit unit, UnitState state, Optional<HistoryEntry> recorded) {
        return new UnitStatus(unit.version(), state, Optional.of(unit), recorded);
    }

    private static InfoReport report(Optional<Version> current, Optional<LeaseState> lease, UnitStatus... units) {
        return new InfoReport("bolt://db:7687", "5.26.0", "neo4j", current, List.of(units), lease);
    }

    /** The table with runs of blanks squeezed, as the columns' widths are not the point. */
    private static List<String> squeezed(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll(" {2,}", "  ")).toList();
    }

    @Nested
    @DisplayName("migrate info")
    class Info {

        private final InfoReport both = report(Optional.of(V1), Optional.empty(),
                status(FIRST, UnitState.SUCCESS, Optional.of(applied(FIRST))), status(SECOND, UnitState.PENDING,
                        Optional.empty()));

        @Test
        @DisplayName("the table has a heading and a row per unit, then the version reached")
        void table() {
            Report r = InfoReports.info(both);
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("VERSION  DESCRIPTION  TYPE  STATE  INSTALLED ON  TIME  CHECKSUM  ROLLBACK",
                    "1  First  CYPHER  success  2024-05-01 12:00:00Z  42 ms  ok  undo-script",
                    "2  Second  CYPHER  pending  -  -  -  irreversible",
                    "database is at version 1"), squeezed(r.text()));
        }

        @Test
        @DisplayName("columns are padded to their widest cell, with two blanks between them and none at the end")
        void padding() {
            List<String> lines = InfoReports.table(both);
            assertEquals("VERSION  DESCRIPTION  TYPE    STATE    INSTALLED ON          TIME   CHECKSUM  ROLLBACK",
                    lines.get(0));
            assertEquals("2        Second       CYPHER  pending  -                     -      -         irreversible",
                    lines.get(2));
        }

        @Test
        @DisplayName("JSON has the target, database, server version, current version and each unit's details, in order")
        void json() {
            Report r = InfoReports.info(both);
            assertEquals(List.of("target", "database", "serverVersion", "current", "units"),
                    List.copyOf(r.fields().keySet()));
            assertEquals("bolt://db:7687", r.fields().get("target"));
            assertEquals("1", r.fields().get("current"));
            List<?> units = (List<?>) r.fields().get("units");
            Map<?, ?> first = (Map<?, ?>) units.get(0);
            assertEquals(List.of("version", "description", "type", "state", "checksum", "recordedChecksum",
                    "checksumMatches", "importedFrom", "source", "installedOn", "installedBy", "executionTimeMs",
                    "transactionMode", "rollbackKind", "rollbackNote", "runningHolder", "error"),
                    List.copyOf(first.keySet()));
            assertEquals("success", first.get("state"));
            assertEquals(true, first.get("checksumMatches"));
            assertEquals("2024-05-01T12:00:00Z", first.get("installedOn"));
            assertEquals(42L, first.get("executionTimeMs"));
            assertEquals("undo-script", first.get("rollbackKind"));
            assertEquals("undo-script: by hand", first.get("rollbackNote"));
            Map<?, ?> second = (Map<?, ?>) units.get(1);
            assertEquals(FIRST.source().replace("1__First", "2__Second"), second.get("source"));
            assertEquals("irreversible", second.get("rollbackKind"));
            assertNull(second.get("recordedChecksum"));
            assertNull(second.get("installedOn"));
            assertNull(second.get("checksumMatches"));
        }

        @Test
        @DisplayName("a database without an applied unit says so; JSON's current is null")
        void nothingApplied() {
            Report r = InfoReports.info(report(Optional.empty(), Optional.empty()));
            assertEquals(List.of("VERSION  DESCRIPTION  TYPE  STATE  INSTALLED ON  TIME  CHECKSUM  ROLLBACK",
                    "database has no applied unit"), r.text());
            assertNull(r.fields().get("current"));
            assertEquals(List.of(), r.fields().get("units"));
        }

        @Test
        @DisplayName("a running unit names the lease's holder; without a lease it is just running")
        void running() {
            HistoryEntry begun = entry(FIRST, FIRST.checksum(), EntryState.RUNNING, Optional.empty(), Optional.empty(),
                    Optional.empty());
            UnitStatus running = status(FIRST, UnitState.RUNNING, Optional.of(begun));
            Report held = InfoReports.info(report(Optional.empty(), Optional.of(LEASE), running));
            assertEquals("1  First  CYPHER  running (migrate up on host-1 (pid 42))  2024-05-01 12:00:00Z  -  ok  "
                    + "undo-script", squeezed(held.text()).get(1));
            Map<?, ?> unit = (Map<?, ?>) ((List<?>) held.fields().get("units")).get(0);
            assertEquals("migrate up on host-1 (pid 42)", unit.get("runningHolder"));
            assertNull(unit.get("executionTimeMs"));

            Report cutOff = InfoReports.info(report(Optional.empty(), Optional.empty(), running));
            assertEquals("running", ((Map<?, ?>) ((List<?>) cutOff.fields().get("units")).get(0)).get("state"));
            assertEquals("1  First  CYPHER  running  2024-05-01 12:00:00Z  -  ok  undo-script",
                    squeezed(cutOff.text()).get(1));
        }

        @Test
        @DisplayName("only a running unit names the holder, even while another process holds the lease")
        void holderOnlyWhenRunning() {
            Report r = InfoReports.info(report(Optional.of(V1), Optional.of(LEASE),
                    status(FIRST, UnitState.SUCCESS, Optional.of(applied(FIRST)))));
            assertNull(((Map<?, ?>) ((List<?>) r.fields().get("units")).get(0)).get("runningHolder"));
            assertEquals("1  First  CYPHER  success  2024-05-01 12:00:00Z  42 ms  ok  undo-script",
                    squeezed(r.text()).get(1));
        }

        @Test
        @DisplayName("an edited unit's checksum is CHANGED, a repeatable one's changed, an imported run's imported")
        void checksums() {
            Unit repeatable = new RepeatableUnit("Views", "units/R__Views.cypher",
                    CypherScript.parse("R__Views.cypher", "CREATE (n);"), List.of());
            HistoryEntry imported = entry(SECOND, "1234", EntryState.SUCCESS, Optional.empty(), Optional.empty(),
                    Optional.of("neo4j-migrations"));
            InfoReport r = report(Optional.of(V2), Optional.empty(),
                    status(FIRST, UnitState.SUCCESS, Optional.of(entry(FIRST, "v1:old", EntryState.SUCCESS,
                            Optional.empty(), Optional.empty(), Optional.empty()))),
                    status(SECOND, UnitState.SUCCESS, Optional.of(imported)),
                    status(repeatable, UnitState.SUCCESS, Optional.of(entry(repeatable, "v1:old", EntryState.SUCCESS,
                            Optional.empty(), Optional.empty(), Optional.empty()))));
            List<String> rows = squeezed(InfoReports.table(r));
            assertEquals("1  First  CYPHER  success  2024-05-01 12:00:00Z  -  CHANGED  undo-script", rows.get(1));
            assertEquals("2  Second  CYPHER  success  2024-05-01 12:00:00Z  -  imported  undo-script", rows.get(2));
            assertEquals("R  Views  REPEATABLE  success  2024-05-01 12:00:00Z  -  changed  undo-script", rows.get(3));
            Map<?, ?> second = (Map<?, ?>) ((List<?>) InfoReports.info(r).fields().get("units")).get(1);
            assertEquals("neo4j-migrations", second.get("importedFrom"));
            assertEquals("1234", second.get("recordedChecksum"));
            assertNull(second.get("checksumMatches"));
        }

        @Test
        @DisplayName("a unit only recorded takes its description, type and source from the history; a failed run its error")
        void recordedOnly() {
            HistoryEntry failed = entry(FIRST, "v1:abc", EntryState.FAILED, Optional.of(Duration.ofMillis(3)),
                    Optional.of(new EntryError("Neo.ClientError", "boom", 1)), Optional.empty());
            Report r = InfoReports.info(report(Optional.empty(), Optional.empty(),
                    new UnitStatus(V1, UnitState.MISSING, Optional.empty(), Optional.of(failed))));
            assertEquals("1  First  CYPHER  missing  2024-05-01 12:00:00Z  3 ms  -  undo-script",
                    squeezed(r.text()).get(1));
            Map<?, ?> unit = (Map<?, ?>) ((List<?>) r.fields().get("units")).get(0);
            assertEquals(FIRST.source(), unit.get("source"));
            assertNull(unit.get("checksum"));
            assertEquals("boom", unit.get("error"));
        }
    }

    @Nested
    @DisplayName("migrate status")
    class Status {

        private final UnitStatus success = status(FIRST, UnitState.SUCCESS, Optional.of(applied(FIRST)));
        private final UnitStatus pending = status(SECOND, UnitState.PENDING, Optional.empty());
        private final UnitStatus running = status(unit(V3, "Third"), UnitState.RUNNING, Optional.empty());
        private final UnitStatus failed = status(SECOND, UnitState.FAILED, Optional.empty());

        @Test
        @DisplayName("one line: the version, then the pending, running and failed units counted and named")
        void line() {
            Report r = InfoReports.status(report(Optional.of(V1), Optional.empty(), success, pending, running), false);
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("at version 1; 1 pending (2); 1 running (3); 0 failed"), r.text());
            assertEquals(List.of("current", "pending", "running", "failed"), List.copyOf(r.fields().keySet()));
            assertEquals(Map.of("current", "1", "pending", List.of("2"), "running", List.of("3"), "failed", List.of()),
                    r.fields());
        }

        @Test
        @DisplayName("without --check, pending and failed units still exit 0")
        void noCheck() {
            assertEquals(ExitCode.OK, InfoReports.status(report(Optional.empty(), Optional.empty(), failed), false)
                    .exitCode());
        }

        @Test
        @DisplayName("--check: a ready database exits 0")
        void ready() {
            Report r = InfoReports.status(report(Optional.of(V1), Optional.empty(), success), true);
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("at version 1; 0 pending; 0 running; 0 failed"), r.text());
        }

        @Test
        @DisplayName("--check: pending or running units exit 8, counted on the error line, the summary still printed")
        void pending() {
            Report one = InfoReports.status(report(Optional.empty(), Optional.empty(), pending), true);
            assertEquals(ExitCode.PENDING, one.exitCode());
            assertEquals(Optional.of("1 unit not applied yet"), one.error());
            assertEquals(List.of("no version applied; 1 pending (2); 0 running; 0 failed"), one.text());
            assertNull(one.fields().get("current"));
            Report two = InfoReports.status(report(Optional.empty(), Optional.empty(), pending, running), true);
            assertEquals(Optional.of("2 units not applied yet"), two.error());
        }

        @Test
        @DisplayName("--check: a failed unit exits 7 and names it, pending units notwithstanding")
        void failed() {
            Report r = InfoReports.status(report(Optional.of(V1), Optional.empty(), success, failed, running), true);
            assertEquals(ExitCode.UNIT_FAILED, r.exitCode());
            assertEquals(Optional.of("failed units: 2"), r.error());
            assertEquals(List.of("at version 1; 0 pending; 1 running (3); 1 failed (2)"), r.text());
        }
    }
}
