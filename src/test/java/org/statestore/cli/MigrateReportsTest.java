package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.statestore.BaselineResult;
import org.statestore.ValidationReport;
import org.statestore.cli.MigrateReports.Verdict;
import org.statestore.cypher.CypherScript;
import org.statestore.history.EntryError;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.RecordedRollback;
import org.statestore.migrate.AppliedUnit;
import org.statestore.migrate.CypherUnit;
import org.statestore.migrate.DryRun;
import org.statestore.migrate.Neo4jMigrationsImport;
import org.statestore.migrate.Repair;
import org.statestore.migrate.TransactionMode;
import org.statestore.migrate.UndoResult;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitState;
import org.statestore.migrate.UnitStatus;
import org.statestore.migrate.UnitType;
import org.statestore.migrate.UpResult;
import org.statestore.migrate.Version;
import org.statestore.migrate.VersionWatch;

@DisplayName("Migration results as reports, without a database")
class MigrateReportsTest {

    private static final Version V1 = Version.parse("1");
    private static final Version V2 = Version.parse("2");
    private static final AppliedUnit FIRST = new AppliedUnit(V1, "First", UnitType.CYPHER, "v1:abc",
            TransactionMode.SINGLE, Duration.ofMillis(42));
    private static final Unit BAD = new CypherUnit(Version.parse("3"), "Bad", "units/V3__Bad.cypher",
            CypherScript.parse("V3__Bad.cypher", "CREATE (n);"));
    private static final ZonedDateTime AT = ZonedDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    private static List<String> names(Report r) {
        return List.copyOf(r.fields().keySet());
    }

    private static HistoryEntry entry(String version, EntryState state, Optional<EntryError> error) {
        return new HistoryEntry("id-" + version, 1, version, "Thing", "CYPHER", "v1:abc", "V" + version + "__Thing.cypher",
                "alice@host", AT, Optional.empty(), state, RecordedRollback.none(), "single", 0, "", error, false,
                Optional.empty(), Optional.empty());
    }

    @Nested
    @DisplayName("migrate up")
    class Up {

        @Test
        @DisplayName("applied units are listed one per line, then the version reached; JSON lists them with their timing")
        void applied() {
            Report r = MigrateReports.up(new UpResult.Applied(List.of(FIRST), Optional.of(V1)), false, false);
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("applied 1 First (single, 42 ms)", "database is at version 1"), r.text());
            assertEquals(List.of("applied", "current"), names(r));
            assertEquals("1", r.fields().get("current"));
            assertEquals(List.of(Map.of("version", "1", "description", "First", "type", "CYPHER", "checksum", "v1:abc",
                    "transactionMode", "single", "executionTimeMs", 42L)), r.fields().get("applied"));
            List<?> applied = (List<?>) r.fields().get("applied");
            assertEquals(List.of("version", "description", "type", "checksum", "transactionMode", "executionTimeMs"),
                    List.copyOf(((Map<?, ?>) applied.get(0)).keySet()));
        }

        @Test
        @DisplayName("with the bundled units a success names the alchemiscale releases served, in text and JSON")
        void servedReleases() {
            Version v = Version.parse("0.4.0");
            Report r = MigrateReports.up(new UpResult.Applied(List.of(), Optional.of(v)), true, false);
            assertEquals(List.of("nothing to do: database is at version 0.4.0", ServedReleases.text(v, false)), r.text());
            assertEquals(List.of("applied", "current", "alchemiscale"), names(r));
            assertEquals(ServedReleases.json(v), r.fields().get("alchemiscale"));
            Report targeted = MigrateReports.up(new UpResult.UpToDate(Optional.of(v), false), true, true);
            assertEquals(ServedReleases.text(v, true), targeted.text().get(1));
        }

        @Test
        @DisplayName("nothing pending says so, and says when another process applied the units meanwhile")
        void upToDate() {
            assertEquals(List.of("nothing to do (another process applied the pending units): database is at version 2"),
                    MigrateReports.up(new UpResult.UpToDate(Optional.of(V2), true), false, false).text());
            Report empty = MigrateReports.up(new UpResult.UpToDate(Optional.empty(), false), true, false);
            assertEquals(List.of("nothing to do: database has no applied unit"), empty.text());
            assertNull(empty.fields().get("current"));
            assertFalse(empty.fields().containsKey("alchemiscale"), "no version serves nothing");
        }

        @Test
        @DisplayName("a lock timeout is exit 5 with the lock's message, and JSON still has applied and current")
        void lockTimeout() {
            Report r = MigrateReports.up(new UpResult.LockTimeout(Optional.empty(), "held by bob"), true, false);
            assertEquals(ExitCode.LOCK_TIMEOUT, r.exitCode());
            assertEquals("held by bob", r.error().orElseThrow());
            assertEquals(List.of(), r.text());
            assertEquals(List.of("applied", "current"), names(r));
        }

        @Test
        @DisplayName("a lost lease is exit 5 naming the unit it was lost during")
        void leaseLost() {
            Report r = MigrateReports.up(new UpResult.LeaseLost(List.of(FIRST), Optional.of(BAD)), false, false);
            assertEquals(ExitCode.LOCK_TIMEOUT, r.exitCode());
            assertEquals("lost the migration lock during unit 3 (this process was paused past the lock TTL and another "
                    + "process took over); stopped writing: rerun to continue", r.error().orElseThrow());
            assertEquals(List.of("applied 1 First (single, 42 ms)"), r.text(), "what was applied is still listed");
        }

        @Test
        @DisplayName("a signal is exit 143 (130 for SIGINT) naming the unit and how far it got")
        void interrupted() {
            Report r = MigrateReports.up(new UpResult.Interrupted(List.of(), Optional.of(BAD), 4), false, false);
            assertEquals(ExitCode.TERMINATED, r.exitCode());
            assertEquals("stopped by a signal during unit 3 after 4 statements; state recorded, lock released, the next "
                    + "run resumes", r.error().orElseThrow());
            assertEquals("stopped by a signal; state recorded, lock released, the next run resumes",
                    MigrateReports.verdict(new UpResult.Interrupted(List.of(), Optional.empty(), 0)).error().orElseThrow());
            assertEquals(ExitCode.INTERRUPTED, MigrateReports.up(new UpResult.Interrupted(List.of(), Optional.empty(), 0),
                    false, false, ExitCode.INTERRUPTED).exitCode(), "SIGINT: 130");
        }

        @Test
        @DisplayName("a failed backup is exit 7 and says nothing was applied")
        void backupFailed() {
            Report r = MigrateReports.up(new UpResult.BackupFailed("disk full"), false, false);
            assertEquals(ExitCode.UNIT_FAILED, r.exitCode());
            assertEquals("the backup before applying failed, so nothing was applied: disk full", r.error().orElseThrow());
        }

        @Test
        @DisplayName("failed validation is exit 6 with three findings on the error line and every one in JSON")
        void validationFailed() {
            List<String> findings = List.of("a", "b", "c", "d", "e");
            Report r = MigrateReports.up(new UpResult.ValidationFailed(findings), false, false);
            assertEquals(ExitCode.VALIDATION, r.exitCode());
            assertEquals("a; b; c; and 2 more ('migrate validate' lists every one)", r.error().orElseThrow());
            assertEquals(List.of("applied", "current", "findings"), names(r));
            assertEquals(findings, r.fields().get("findings"));
            assertEquals("a; b", MigrateReports.summary(List.of("a", "b")));
        }

        @Test
        @DisplayName("a failed unit is exit 7 naming it, the statement and the server's code")
        void unitFailed() {
            Report r = MigrateReports.up(new UpResult.UnitFailed(List.of(FIRST), BAD,
                    new EntryError("Neo.ClientError.Statement.SyntaxError", "bad syntax", 2)), false, false);
            assertEquals(ExitCode.UNIT_FAILED, r.exitCode());
            assertEquals("unit 3 (units/V3__Bad.cypher) failed at statement 2: bad syntax "
                    + "[Neo.ClientError.Statement.SyntaxError]", r.error().orElseThrow());
            assertEquals(List.of("applied 1 First (single, 42 ms)"), r.text());
        }

        @Test
        @DisplayName("a unit blocked by an earlier failure is exit 7 with the last error and how to go on")
        void blocked() {
            UnitStatus blocker = new UnitStatus(Version.parse("3"), UnitState.FAILED, Optional.of(BAD),
                    Optional.of(entry("3", EntryState.FAILED, Optional.of(new EntryError("X", "boom", 0)))));
            Report r = MigrateReports.up(new UpResult.Blocked(blocker), false, false);
            assertEquals(ExitCode.UNIT_FAILED, r.exitCode());
            assertEquals("unit 3 failed in an earlier run and is unchanged, so nothing was applied; ship a fixed unit "
                    + "(a changed checksum is retried), or mark it for retry with 'migrate repair' (last error: boom)",
                    r.error().orElseThrow());
        }

        @Test
        @DisplayName("a result the mapping does not know is a bug, not a cast failure")
        void unknown() {
            assertThrows(IllegalStateException.class, () -> MigrateReports.verdict(null));
        }
    }

    @Nested
    @DisplayName("dry runs")
    class DryRuns {

        private final DryRun.PlannedUnit cypher = new DryRun.PlannedUnit(V1, "First", "CYPHER", "V1__First.cypher",
                "single", List.of("MATCH (n)\nRETURN n"), "irreversible", true);
        private final DryRun.PlannedUnit java = new DryRun.PlannedUnit(V2, "Code", "JAVA", "org.example.V2",
                "unit-managed", List.of(), "java-undo", false);

        @Test
        @DisplayName("a valid plan lists each unit, its statements and rollback, then says nothing was written")
        void valid() {
            Report r = DryRunReport.of(new DryRun.Outcome.Valid(List.of(cypher, java)), MigrateReports::verdict);
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(" --dry-run", r.qualifier());
            assertEquals(List.of("would run 1 First (CYPHER, single) from V1__First.cypher", "    MATCH (n)\n    RETURN n;",
                    "    rollback: irreversible", "would run 2 Code (JAVA, unit-managed) from org.example.V2",
                    "    (Java unit: not inspectable)", "    rollback: java-undo",
                    "dry run: every statement was accepted by the server's planner; nothing was written"), r.text());
            assertEquals(List.of("dryRun", "plan"), names(r));
            Map<?, ?> unit = (Map<?, ?>) ((List<?>) r.fields().get("plan")).get(0);
            assertEquals(List.of("version", "description", "type", "source", "transactionMode", "statements", "rollback",
                    "inspectable", "skipped"), List.copyOf(unit.keySet()));
            assertEquals("1", unit.get("version"));
            assertEquals(false, unit.get("skipped"));
        }

        @Test
        @DisplayName("a unit up would skip on this server is one line saying why, without its statements, and skipped in JSON")
        void skipped() {
            DryRun.PlannedUnit skipped = new DryRun.PlannedUnit(V1, "Four", "CYPHER", "V1__Four.cypher", "single",
                    List.of("CREATE INDEX ON :T(n)"), "irreversible", true,
                    Optional.of("'// skip-unless: neo4j < 5.0' is not met by Neo4j 5.26.30 community"));
            Report r = DryRunReport.of(new DryRun.Outcome.Valid(List.of(skipped)), MigrateReports::verdict);
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("would skip 1 Four (CYPHER) from V1__Four.cypher: '// skip-unless: neo4j < 5.0' is not met "
                    + "by Neo4j 5.26.30 community; its statements are not sent",
                    "dry run: every statement was accepted by the server's planner; nothing was written"), r.text());
            Map<?, ?> unit = (Map<?, ?>) ((List<?>) r.fields().get("plan")).get(0);
            assertEquals(true, unit.get("skipped"));
        }

        @Test
        @DisplayName("an empty plan says there is nothing to do")
        void empty() {
            assertEquals(List.of("dry run: nothing to do",
                    "dry run: every statement was accepted by the server's planner; nothing was written"),
                    DryRunReport.of(new DryRun.Outcome.Valid(List.of()), MigrateReports::verdict).text());
        }

        @Test
        @DisplayName("a statement the server refuses is exit 6 naming file and line; the plan so far is still listed")
        void invalid() {
            Report r = DryRunReport.of(new DryRun.Outcome.Invalid(List.of(cypher), "V1__First.cypher", 3, "Invalid input"),
                    MigrateReports::verdict);
            assertEquals(ExitCode.VALIDATION, r.exitCode());
            assertEquals("V1__First.cypher:3: the server refused the statement: Invalid input", r.error().orElseThrow());
            assertEquals("    rollback: irreversible", r.text().get(r.text().size() - 1));
            Report placed = DryRunReport.of(new DryRun.Outcome.Invalid(List.of(cypher), "V1__First.cypher", 3, 5,
                    "Invalid input 'CREAT'"), MigrateReports::verdict);
            assertEquals("V1__First.cypher:3:5: the server refused the statement: Invalid input 'CREAT'",
                    placed.error().orElseThrow());
        }

        @Test
        @DisplayName("a run that would not start says what the real command would")
        void refused() {
            Report r = DryRunReport.of(new DryRun.Outcome.Refused(List.of(), new UpResult.ValidationFailed(List.of("edited"))),
                    MigrateReports::verdict);
            assertEquals(ExitCode.VALIDATION, r.exitCode());
            assertEquals("edited", r.error().orElseThrow());
            assertEquals(List.of(), r.text());
            Report internal = DryRunReport.of(new DryRun.Outcome.Refused(List.of(), new UpResult.BackupFailed("x")),
                    u -> Verdict.failed(ExitCode.INTERNAL, String.valueOf(u)));
            assertEquals(ExitCode.INTERNAL, internal.exitCode());
        }

        @Test
        @DisplayName("an outcome the mapping does not know is a bug")
        void unknown() {
            assertThrows(IllegalStateException.class, () -> DryRunReport.of(null, MigrateReports::verdict));
        }
    }

    @Nested
    @DisplayName("migrate undo")
    class Undo {

        @Test
        @DisplayName("each undone version is a line; nothing undone says so")
        void undone() {
            Report r = MigrateReports.undo(new UndoResult.Undone(List.of(V2, V1)));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("undone 2", "undone 1"), r.text());
            assertEquals(List.of("2", "1"), r.fields().get("undone"));
            assertEquals(List.of("nothing to undo"), MigrateReports.undo(new UndoResult.Undone(List.of())).text());
        }

        @Test
        @DisplayName("an irreversible unit stops it with exit 7, after listing what was undone")
        void irreversible() {
            Report r = MigrateReports.undo(new UndoResult.StoppedAtIrreversible(List.of(V2), V1, "First", "drops data"));
            assertEquals(ExitCode.UNIT_FAILED, r.exitCode());
            assertEquals("stopped at unit 1 (First): it is irreversible (drops data); it and everything below it were "
                    + "not touched", r.error().orElseThrow());
            assertEquals(List.of("undone 2"), r.text());
        }

        @Test
        @DisplayName("a baseline stops it with exit 7")
        void baseline() {
            Report r = MigrateReports.undo(new UndoResult.StoppedAtBaseline(List.of(), V1));
            assertEquals(ExitCode.UNIT_FAILED, r.exitCode());
            assertEquals("stopped at the baseline 1: undo never goes below what statestore did not apply itself "
                    + "(restore a backup to go further)", r.error().orElseThrow());
            assertEquals(List.of(), r.text(), "no 'nothing to undo' on a failure");
        }

        @Test
        @DisplayName("a failed undo is exit 7 with the server's code; the unit stays applied")
        void failed() {
            Report r = MigrateReports.undo(new UndoResult.UndoFailed(List.of(), V2, new EntryError("X", "boom", 1)));
            assertEquals("undo of unit 2 failed: boom [X]; it stays applied", r.error().orElseThrow());
        }

        @Test
        @DisplayName("a lock timeout is exit 5")
        void lockTimeout() {
            Report r = MigrateReports.undo(new UndoResult.LockTimeout(Optional.empty(), "held by bob"));
            assertEquals(ExitCode.LOCK_TIMEOUT, r.exitCode());
            assertEquals(List.of("undone"), names(r));
        }

        @Test
        @DisplayName("an unknown result is a bug")
        void unknown() {
            assertThrows(IllegalStateException.class, () -> MigrateReports.undo(null));
        }
    }

    @Nested
    @DisplayName("migrate validate, baseline, repair, await")
    class Others {

        @Test
        @DisplayName("validate prints problems, then warnings; valid only without problems (exit 6 otherwise)")
        void validate() {
            Report ok = MigrateReports.validation(new ValidationReport(List.of(), List.of("newer unit 9")));
            assertEquals(List.of("warning: newer unit 9", "valid: local units agree with the history chain"), ok.text());
            assertEquals(List.of("problems", "warnings"), names(ok));
            Report bad = MigrateReports.validation(new ValidationReport(List.of("edited 1", "missing 2"), List.of()));
            assertEquals(ExitCode.VALIDATION, bad.exitCode());
            assertEquals("2 problems", bad.error().orElseThrow());
            assertEquals(List.of("edited 1", "missing 2"), bad.text());
        }

        @Test
        @DisplayName("baseline says where it baselined; refused is exit 11 and JSON still names the version")
        void baseline() {
            Report ok = MigrateReports.baseline(new BaselineResult.Recorded(entry("3", EntryState.BASELINE,
                    Optional.empty())), Version.parse("3"));
            assertEquals(List.of("baselined at 3"), ok.text());
            assertEquals(Map.of("baseline", "3"), ok.fields());
            Report refused = MigrateReports.baseline(new BaselineResult.Refused("has a chain"), Version.parse("3"));
            assertEquals(ExitCode.REFUSED, refused.exitCode());
            assertEquals("has a chain", refused.error().orElseThrow());
            assertEquals(List.of(), refused.text());
            assertEquals("3", refused.fields().get("baseline"));
            assertThrows(IllegalStateException.class, () -> MigrateReports.baseline(null, V1));
        }

        @Test
        @DisplayName("repair prints each change, or that there was nothing to repair; refused is exit 11")
        void repair() {
            assertEquals(List.of("marked failed unit 3 for retry"),
                    MigrateReports.repair(new Repair.Outcome.Repaired(List.of("marked failed unit 3 for retry"))).text());
            assertEquals(List.of("nothing to repair"), MigrateReports.repair(new Repair.Outcome.Repaired(List.of())).text());
            Report refused = MigrateReports.repair(new Repair.Outcome.Refused("not an applied unit"));
            assertEquals(ExitCode.REFUSED, refused.exitCode());
            assertEquals(Map.of("changes", List.of()), refused.fields());
            assertThrows(IllegalStateException.class, () -> MigrateReports.repair(null));
        }

        @Test
        @DisplayName("await says the version reached; a timeout is exit 8 saying where the database is")
        void await() {
            Report reached = MigrateReports.await(new VersionWatch.Outcome.Reached(Optional.of(V2)), V1,
                    Duration.ofSeconds(1));
            assertEquals(List.of("database is at version 2 (wanted 1)"), reached.text());
            assertEquals(List.of("wanted", "current"), names(reached));
            Report late = MigrateReports.await(new VersionWatch.Outcome.TimedOut(Optional.empty()), V2,
                    Duration.ofMillis(1500));
            assertEquals(ExitCode.PENDING, late.exitCode());
            assertEquals("database did not reach version 2 within 1500 ms (it is at no version)", late.error().orElseThrow());
            assertEquals(List.of(), late.text());
            assertNull(late.fields().get("current"));
            assertThrows(IllegalStateException.class, () -> MigrateReports.await(null, V1, Duration.ZERO));
        }
    }

    @Nested
    @DisplayName("migrate import --from neo4j-migrations")
    class Import {

        @Test
        @DisplayName("imported runs are listed with when and by whom, then what was skipped and cleaned up")
        void imported() {
            Report r = MigrateReports.neo4jImport(new Neo4jMigrationsImport.Imported(
                    List.of(entry("1", EntryState.SUCCESS, Optional.empty())), List.of("R__Repeatable.cypher"), false,
                    List.of("unique_version___Neo4jMigration")));
            assertEquals(List.of("imported 1 Thing (installed 2024-05-01T12:00:00Z by alice@host)",
                    "not imported: R__Repeatable.cypher", "left the neo4j-migrations nodes in place",
                    "dropped constraint unique_version___Neo4jMigration"), r.text());
            assertEquals(List.of("imported", "skipped", "removedSource", "droppedConstraints"), names(r));
            Map<?, ?> row = (Map<?, ?>) ((List<?>) r.fields().get("imported")).get(0);
            assertEquals(List.of("version", "description", "source", "installedOn", "installedBy"),
                    List.copyOf(row.keySet()));
            assertEquals("2024-05-01T12:00:00Z", row.get("installedOn"));
        }

        @Test
        @DisplayName("a second import copies nothing and says so; JSON has no skipped list")
        void alreadyImported() {
            Report r = MigrateReports.neo4jImport(new Neo4jMigrationsImport.AlreadyImported(3, true, List.of()));
            assertEquals(List.of("nothing to import: all 3 neo4j-migrations runs were imported before"), r.text());
            assertEquals(List.of("imported", "removedSource", "droppedConstraints"), names(r));
            assertEquals(true, r.fields().get("removedSource"));
        }

        @Test
        @DisplayName("no peer history is exit 10; a refusal is exit 11; neither has fields")
        void failures() {
            Report none = MigrateReports.neo4jImport(new Neo4jMigrationsImport.NoPeerChain());
            assertEquals(ExitCode.NOT_FOUND, none.exitCode());
            assertEquals("the database has no neo4j-migrations history (no :__Neo4jMigration chain); nothing to import",
                    none.error().orElseThrow());
            assertEquals(Map.of(), none.fields());
            Report refused = MigrateReports.neo4jImport(new Neo4jMigrationsImport.Refused("a chain exists"));
            assertEquals(ExitCode.REFUSED, refused.exitCode());
            assertEquals(Map.of(), refused.fields());
            assertThrows(IllegalStateException.class, () -> MigrateReports.neo4jImport(null));
        }
    }
}
