package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.statestore.alchemiscale.AlchemiscaleRelease;
import org.statestore.alchemiscale.CheckReport;
import org.statestore.alchemiscale.DoctorReport;
import org.statestore.alchemiscale.ExpiryResult;
import org.statestore.alchemiscale.Finding;
import org.statestore.alchemiscale.RegistrationExpiry.Selection;
import org.statestore.alchemiscale.ResetResult;
import org.statestore.alchemiscale.SeedResult;

@DisplayName("The database and dev commands' results as reports, without a database")
class DatabaseReportsTest {

    private static final Finding MISSING = new Finding(Finding.Kind.CONSTRAINT, "missing constraint scoped_key", 1,
            "statestore database init");
    private static final Finding ZONED = new Finding(Finding.Kind.ZONED_TIMES,
            "3 zoned DateTime value(s) of Task.datetime_created", 3, "statestore migrate undo --to 0.4.0");
    private static final List<ExpiryResult.Expired> TWO = List.of(new ExpiryResult.Expired(Optional.of("compute-svc-1"), 2),
            new ExpiryResult.Expired(Optional.empty(), 0));

    private static List<String> names(Report r) {
        return List.copyOf(r.fields().keySet());
    }

    @Nested
    @DisplayName("database check")
    class Check {

        @Test
        @DisplayName("a passing check prints alchemiscale's own ok line and lists no findings")
        void passes() {
            Report r = DatabaseReports.check(new CheckReport(List.of()));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of(DatabaseReports.CHECK_OK), r.text());
            assertEquals(Map.of("findings", List.of()), r.fields());
        }

        @Test
        @DisplayName("each problem is a line with its fix, and the one error line counts them (exit 6)")
        void fails() {
            Report r = DatabaseReports.check(new CheckReport(List.of(MISSING)));
            assertEquals(ExitCode.VALIDATION, r.exitCode());
            assertEquals(Optional.of("database check failed: 1 problem(s)"), r.error());
            assertEquals(List.of("missing constraint scoped_key; fix: statestore database init"), r.text());
            assertEquals(List.of(MISSING.line()), r.fields().get("findings"));
        }
    }

    @Nested
    @DisplayName("database doctor")
    class Doctor {

        @Test
        @DisplayName("findings: the release and their count, then one line per finding, the problem then its fix (exit 6)")
        void findings() {
            Report r = DatabaseReports.doctor(new DoctorReport(AlchemiscaleRelease.parse("0.6.2"), List.of(ZONED, MISSING)));
            assertEquals(ExitCode.VALIDATION, r.exitCode());
            assertEquals(Optional.of("database doctor: 2 finding(s) for alchemiscale v0.6.2"), r.error());
            assertEquals(List.of("alchemiscale v0.6.2: 2 finding(s)",
                    "3 zoned DateTime value(s) of Task.datetime_created; fix: statestore migrate undo --to 0.4.0",
                    "missing constraint scoped_key; fix: statestore database init"), r.text());
        }

        @Test
        @DisplayName("JSON names the release and lists each finding as kind, problem, count and fix, in that order")
        void json() {
            Report r = DatabaseReports.doctor(new DoctorReport(AlchemiscaleRelease.parse("next"), List.of(MISSING)));
            assertEquals(List.of("release", "findings"), names(r));
            assertEquals("next", r.fields().get("release"));
            List<?> findings = (List<?>) r.fields().get("findings");
            assertEquals(List.of(Map.of("kind", "constraint", "problem", "missing constraint scoped_key", "count", 1L,
                    "fix", "statestore database init")), findings);
            assertEquals(List.of("kind", "problem", "count", "fix"), List.copyOf(((Map<?, ?>) findings.get(0)).keySet()));
        }

        @Test
        @DisplayName("no findings: one ok line naming the release")
        void clean() {
            Report r = DatabaseReports.doctor(new DoctorReport(AlchemiscaleRelease.parse("next"), List.of()));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("ok: alchemiscale next (unreleased main, after v0.7.2) can read this database; "
                    + "no findings"), r.text());
            assertEquals(List.of(), r.fields().get("findings"));
        }
    }

    @Nested
    @DisplayName("database expire-registrations")
    class Expiry {

        @Test
        @DisplayName("each registration expired is a line with its Tasks, then a summary")
        void expired() {
            Report r = DatabaseReports.expiry(new ExpiryResult(Selection.ALL, false, TWO));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("expired compute-svc-1: 2 running Task(s) back to waiting",
                    "expired (registration without a string identifier): 0 running Task(s) back to waiting",
                    "expired 2 registration(s); 2 Task(s) back to waiting"), r.text());
        }

        @Test
        @DisplayName("a dry run says so on every line; JSON has the selection, dryRun, registrations and tasksReset")
        void dryRun() {
            Report r = DatabaseReports.expiry(new ExpiryResult(Selection.NONCONFORMING, true, TWO));
            assertEquals(List.of("would expire compute-svc-1: 2 running Task(s) would go back to waiting",
                    "would expire (registration without a string identifier): 0 running Task(s) would go back to waiting",
                    "dry run: would expire 2 registration(s) and set 2 Task(s) back to waiting; nothing changed"), r.text());
            assertEquals(List.of("selection", "dryRun", "registrations", "tasksReset"), names(r));
            assertEquals("nonconforming", r.fields().get("selection"));
            assertEquals(true, r.fields().get("dryRun"));
            assertEquals(2L, r.fields().get("tasksReset"));
            List<?> registrations = (List<?>) r.fields().get("registrations");
            assertEquals(Map.of("identifier", "compute-svc-1", "tasksReset", 2L), registrations.get(0));
            assertEquals(List.of("identifier", "tasksReset"), List.copyOf(((Map<?, ?>) registrations.get(1)).keySet()));
            assertEquals(null, ((Map<?, ?>) registrations.get(1)).get("identifier"));
        }

        @Test
        @DisplayName("nothing matched is still a success, worded for the selection")
        void nothing() {
            assertEquals(List.of("no compute service registrations: nothing to expire"),
                    DatabaseReports.expiry(new ExpiryResult(Selection.ALL, false, List.of())).text());
            Report r = DatabaseReports.expiry(new ExpiryResult(Selection.NONCONFORMING, false, List.of()));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("every compute service registration is {name}-{32 hex digits}: nothing to expire"),
                    r.text());
            assertEquals(List.of(), r.fields().get("registrations"));
        }

        @Test
        @DisplayName("an identifier with control characters is shown quoted, on one line")
        void quoted() {
            Report r = DatabaseReports.expiry(new ExpiryResult(Selection.ALL, false,
                    List.of(new ExpiryResult.Expired(Optional.of("bad\nid"), 1))));
            assertEquals("expired \"bad\\nid\": 1 running Task(s) back to waiting", r.text().get(0));
            assertEquals("bad\nid", ((Map<?, ?>) ((List<?>) r.fields().get("registrations")).get(0)).get("identifier"));
        }
    }

    @Nested
    @DisplayName("database reset")
    class Reset {

        @Test
        @DisplayName("a reset says what it deleted and dropped; JSON has relationships, nodes, then the constraints")
        void reset() {
            Report r = DatabaseReports.reset(new ResetResult(7, 5, List.of("scoped_key", "gufe_key")));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("reset: deleted 5 nodes and 7 relationships; dropped 2 constraints"), r.text());
            assertEquals(List.of("relationshipsDeleted", "nodesDeleted", "constraintsDropped"), names(r));
            assertEquals(7L, r.fields().get("relationshipsDeleted"));
            assertEquals(List.of("scoped_key", "gufe_key"), r.fields().get("constraintsDropped"));
        }

        @Test
        @DisplayName("one of a kind is singular")
        void singular() {
            assertEquals(List.of("reset: deleted 1 node and 0 relationships; dropped 1 constraint"),
                    DatabaseReports.reset(new ResetResult(0, 1, List.of("scoped_key"))).text());
        }

        @Test
        @DisplayName("without --yes and without a terminal it is refused (exit 11)")
        void needsYes() {
            Report r = DatabaseReports.resetNeedsYes();
            assertEquals(ExitCode.REFUSED, r.exitCode());
            assertEquals(Optional.of("refusing to delete every node without --yes (or the database name typed on a "
                    + "terminal)"), r.error());
            assertEquals(Map.of(), r.fields());
        }

        @Test
        @DisplayName("the question names the nodes, the server and the database to type")
        void question() {
            assertEquals("statestore: this deletes all 3 nodes of bolt://db:7687 and alchemiscale's four constraints.\n"
                    + "Type the database name (neo4j) to confirm: ", DatabaseReports.resetQuestion(3, "bolt://db:7687",
                    "neo4j"));
        }

        @Test
        @DisplayName("the database name typed (surrounding blanks aside) confirms; anything else, or no answer, refuses")
        void confirmation() {
            assertEquals(Optional.empty(), DatabaseReports.resetUnconfirmed("neo4j", Optional.of(" neo4j\t")));
            for (Optional<String> typed : List.of(Optional.of("Neo4j"), Optional.of(""), Optional.<String>empty())) {
                Report r = DatabaseReports.resetUnconfirmed("neo4j", typed).orElseThrow();
                assertEquals(ExitCode.REFUSED, r.exitCode());
                assertEquals(Optional.of("confirmation did not match the database name; nothing was deleted"), r.error());
            }
        }
    }

    @Nested
    @DisplayName("dev seed")
    class Seed {

        @Test
        @DisplayName("a seeded store is counted in networks, nodes, relationships and milliseconds")
        void seeded() {
            Report r = DatabaseReports.seed(new SeedResult.Seeded(12, 135, 156, Duration.ofMillis(812)));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("seeded a v0.3 store: 12 networks, 135 nodes, 156 relationships in 812 ms"), r.text());
            assertEquals(List.of("networks", "nodes", "relationships", "elapsedMs"), names(r));
            assertEquals(812L, r.fields().get("elapsedMs"));
        }

        @Test
        @DisplayName("one network is singular")
        void singular() {
            assertEquals(List.of("seeded a v0.3 store: 1 network, 12 nodes, 11 relationships in 0 ms"),
                    DatabaseReports.seed(new SeedResult.Seeded(1, 12, 11, Duration.ZERO)).text());
        }

        @Test
        @DisplayName("a refusal is exit 11 with its reason and no fields")
        void refused() {
            Report r = DatabaseReports.seed(new SeedResult.Refused("the database has data"));
            assertEquals(ExitCode.REFUSED, r.exitCode());
            assertEquals(Optional.of("the database has data"), r.error());
            assertEquals(Map.of(), r.fields());
            assertEquals(List.of(), r.text());
        }

        @Test
        @DisplayName("no result at all is a bug, not a blind cast")
        void unmapped() {
            assertThrows(IllegalStateException.class, () -> DatabaseReports.seed(null));
        }
    }

    @Test
    @DisplayName("counts are singular for one and plural otherwise")
    void count() {
        assertEquals("0 nodes", DatabaseReports.count(0, "node"));
        assertEquals("1 node", DatabaseReports.count(1, "node"));
        assertEquals("2 nodes", DatabaseReports.count(2, "node"));
    }
}
