package org.statestore.alchemiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.history.internal.HistoryChain;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("statestore database init / check / reset / migrate v03-to-v04")
class DatabaseCommandsTest {

    private static final List<String> FOUR = List.of("compute_identifier", "compute_service_registration_identifier",
            "scoped_key", "user_identifier");

    private final TestNeo4j neo4j = TestNeo4j.get();

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private List<String> chain() {
        return new HistoryChain(neo4j.driver(), org.neo4j.driver.SessionConfig.forDatabase("neo4j")).read().stream()
                .map(e -> e.version() + ":" + e.state().label()).toList();
    }

    private CliRun cli(String... args) {
        return CliRun.run(neo4j.env(), args);
    }

    @Test
    @DisplayName("database init creates the four constraints as unit 0.1.0 and nothing more")
    void initCreatesConstraints() {
        CliRun run = cli("database", "init");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("applied 0.1.0 Constraints"), run::toString);
        assertEquals(FOUR, neo4j.constraintNames());
        assertEquals(List.of("0.1.0:success"), chain());
        assertEquals(0, cli("database", "init").exitCode());
        assertEquals(List.of("0.1.0:success"), chain());
    }

    @Test
    @DisplayName("database check passes right after database init, with alchemiscale's own line, though units are pending")
    void checkPassesAfterInit() {
        assertEquals(0, cli("database", "init").exitCode());

        CliRun run = cli("database", "check");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("No inconsistencies found in database.", run.out().strip());
        CliRun info = cli("migrate", "info");
        assertTrue(info.out().lines().anyMatch(l -> l.startsWith("0.4.0") && l.contains("pending")), info::toString);
    }

    @Test
    @DisplayName("database check passes on a fully migrated store, and its JSON keeps the envelope with no findings")
    void checkPassesWhenMigrated() {
        assertEquals(0, cli("migrate", "up").exitCode());

        CliRun run = cli("database", "check", "--output", "json");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\"command\" : \"database check\""), run::toString);
        assertTrue(run.out().contains("\"ok\" : true"), run::toString);
        assertTrue(run.out().contains("\"findings\" : [ ]"), run::toString);
    }

    @Test
    @DisplayName("database check fails (exit 6) naming a fifth constraint and how to drop it; a plain index is fine")
    void checkFailsOnFifthConstraint() {
        assertEquals(0, cli("migrate", "up").exitCode());
        neo4j.query("CREATE CONSTRAINT task_key FOR (t:Task) REQUIRE t._gufe_key IS UNIQUE");
        neo4j.query("CREATE INDEX task_status FOR (t:Task) ON (t.status)");

        CliRun run = cli("database", "check");

        assertEquals(6, run.exitCode(), run::toString);
        assertEquals(List.of("unexpected constraint task_key (UNIQUENESS on :Task(_gufe_key)): alchemiscale's check "
                + "accepts exactly its four constraints, this database has 5; fix: run DROP CONSTRAINT `task_key` "
                + "(cypher-shell)"), run.out().lines().toList());
        assertTrue(run.err().strip().endsWith("\nstatestore: database check failed: 1 problem(s)"), run::toString);
    }

    @Test
    @DisplayName("database check fails (exit 6) naming a missing, a misshapen and a renamed constraint, each with its fix")
    void checkFailsOnMissingConstraint() {
        assertEquals(0, cli("migrate", "up").exitCode());
        neo4j.query("DROP CONSTRAINT user_identifier");
        neo4j.query("DROP CONSTRAINT compute_identifier");
        neo4j.query("CREATE CONSTRAINT compute_identifier FOR (n:CredentialedComputeIdentity) REQUIRE n.name IS UNIQUE");
        neo4j.query("DROP CONSTRAINT scoped_key");
        neo4j.query("CREATE CONSTRAINT gufe_key FOR (n:GufeTokenizable) REQUIRE n._scoped_key IS UNIQUE");

        CliRun run = cli("database", "check", "--output", "json");

        assertEquals(6, run.exitCode(), run::toString);
        String initRan = " (cypher-shell; statestore database init creates nothing once unit 0.1.0 has run)";
        assertTrue(run.out().contains("\"constraint compute_identifier is UNIQUENESS on :CredentialedComputeIdentity(name), "
                + "alchemiscale expects compute_identifier (:CredentialedComputeIdentity(identifier) IS UNIQUE); fix: run "
                + "DROP CONSTRAINT `compute_identifier` (cypher-shell), then run CREATE CONSTRAINT compute_identifier IF NOT "
                + "EXISTS FOR (n:CredentialedComputeIdentity) REQUIRE n.identifier IS UNIQUE" + initRan + "\""), run::toString);
        assertTrue(run.out().contains("\"missing constraint user_identifier (:CredentialedUserIdentity(identifier) IS "
                + "UNIQUE); fix: run CREATE CONSTRAINT user_identifier IF NOT EXISTS FOR (n:CredentialedUserIdentity) "
                + "REQUIRE n.identifier IS UNIQUE" + initRan + "\""), run::toString);
        assertTrue(run.out().contains("\"constraint scoped_key is named gufe_key (UNIQUENESS on :GufeTokenizable(_scoped_key)); "
                + "alchemiscale looks it up by name; fix: run DROP CONSTRAINT `gufe_key` (cypher-shell), then run CREATE "
                + "CONSTRAINT scoped_key IF NOT EXISTS FOR (n:GufeTokenizable) REQUIRE n._scoped_key IS UNIQUE" + initRan
                + "\""), run::toString);
        assertTrue(run.out().contains("\"exitCode\" : 6"), run::toString);
    }

    @Test
    @DisplayName("the fixes database check names make it pass: init on an empty database; once 0.1.0 ran, the Cypher "
            + "it prints, after dropping a renamed constraint")
    void checkFixesWork() {
        CliRun empty = cli("database", "check");
        assertEquals(6, empty.exitCode(), empty::toString);
        assertEquals(4, empty.out().lines().filter(l -> l.endsWith("; fix: statestore database init")).count(),
                empty::toString);
        assertEquals(0, cli("database", "init").exitCode());
        assertEquals(0, cli("database", "check").exitCode());

        assertEquals(0, cli("migrate", "up").exitCode());
        neo4j.query("DROP CONSTRAINT user_identifier");
        neo4j.query("DROP CONSTRAINT scoped_key");
        neo4j.query("CREATE CONSTRAINT gufe_key FOR (n:GufeTokenizable) REQUIRE n._scoped_key IS UNIQUE");
        CliRun broken = cli("database", "check");
        assertEquals(6, broken.exitCode(), broken::toString);

        for (String line : broken.out().lines().toList()) {
            String fix = line.substring(line.indexOf("; fix: ") + "; fix: ".length());
            for (String step : fix.split(", then ")) {
                assertTrue(step.startsWith("run "), line);
                neo4j.query(step.substring("run ".length(), step.indexOf(" (cypher-shell")));
            }
        }
        CliRun fixed = cli("database", "check");
        assertEquals(0, fixed.exitCode(), fixed::toString);
        assertEquals(FOUR, neo4j.constraintNames());
    }

    @Test
    @DisplayName("database check ignores statestore's history: a broken chain is for database doctor")
    void checkIgnoresHistory() {
        assertEquals(0, cli("migrate", "up").exitCode());
        neo4j.query("MATCH (e:__StatestoreEntry {seq: 2}) DETACH DELETE e");

        assertEquals(0, cli("database", "check").exitCode());
        CliRun doctor = cli("database", "doctor");
        assertEquals(6, doctor.exitCode(), doctor::toString);
        assertTrue(doctor.out().contains("history chain broken: 2 __StatestoreEntry nodes are not on the chain from "
                + "the root (seq 3, 4)"), doctor::toString);
        assertTrue(doctor.out().contains("; fix: restore a backup"), doctor::toString);
    }

    @Test
    @DisplayName("database reset refuses without --yes (exit 11) and deletes nothing")
    void resetRefusesWithoutYes() {
        V03Stores.seed(neo4j, 12);
        long nodes = neo4j.count("MATCH (n) RETURN count(n)");

        CliRun run = cli("database", "reset");

        assertEquals(11, run.exitCode(), run::toString);
        assertEquals("statestore: refusing to delete every node without --yes (or the database name typed on a "
                + "terminal)", run.err().strip());
        assertEquals(nodes, neo4j.count("MATCH (n) RETURN count(n)"));
        assertEquals(FOUR, neo4j.constraintNames());
    }

    @Test
    @DisplayName("database reset --yes deletes every node, the history chain and the four constraints")
    void resetDeletesEverything() {
        V03Stores.seed(neo4j, 30);
        assertEquals(0, cli("migrate", "up").exitCode());
        neo4j.query("CREATE CONSTRAINT not_alchemiscale FOR (x:Other) REQUIRE x.id IS UNIQUE");
        long nodes = neo4j.count("MATCH (n) RETURN count(n)");
        long relationships = neo4j.count("MATCH ()-[r]->() RETURN count(r)");

        CliRun run = cli("database", "reset", "--yes");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("reset: deleted " + nodes + " nodes and " + relationships + " relationships; dropped 4 constraints",
                run.out().strip());
        assertEquals(0, neo4j.count("MATCH (n) RETURN count(n)"));
        assertEquals(List.of("not_alchemiscale"), neo4j.constraintNames());
        assertEquals(List.of(), chain());
    }

    @Test
    @DisplayName("database migrate v03-to-v04 works as in the manual: NEO4J_URL/USER/PASS, marks every network, "
            + "stops at 0.4.0")
    void manualCommand() {
        V03Stores.seed(neo4j, 30);

        CliRun run = CliRun.run(java.util.Map.of("NEO4J_URL", neo4j.boltUri().toString(), "NEO4J_USER", "neo4j",
                "NEO4J_PASS", "irrelevant-without-auth"), "database", "migrate", "v03-to-v04");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("detected alchemiscale v0.3 shape"), run::toString);
        assertTrue(run.out().contains("database is at version 0.4.0"), run::toString);
        assertEquals(List.of("0.3.0:baseline", "0.4.0:success"), chain());
        assertEquals(0, neo4j.count("MATCH (n:AlchemicalNetwork) WHERE NOT EXISTS { (n)<-[:MARKS]-(:NetworkMark) } "
                + "RETURN count(n)"));
        assertEquals(60, neo4j.count("MATCH (t:Task) WHERE t.datetime_created IS :: LOCAL DATETIME NOT NULL "
                + "RETURN count(t)"));
        CliRun info = cli("migrate", "info");
        assertTrue(info.out().lines().anyMatch(l -> l.startsWith("0.7.0") && l.contains("pending")), info::toString);
    }

    @Test
    @DisplayName("the database commands explain themselves in --help")
    void help() {
        CliRun run = cli("database", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("init") && run.out().contains("check") && run.out().contains("reset")
                && run.out().contains("migrate") && run.out().contains("doctor")
                && run.out().contains("expire-registrations"), run::toString);
        assertTrue(cli("database", "doctor", "--help").out().contains("--release"));
        assertTrue(cli("database", "expire-registrations", "--help").out().contains("--nonconforming"));
        assertTrue(cli("database", "reset", "--help").out().contains("DESTRUCTIVE"));
        assertTrue(cli("database", "migrate", "v03-to-v04", "--help").out().contains("migrate up --target 0.4.0"));
    }
}
