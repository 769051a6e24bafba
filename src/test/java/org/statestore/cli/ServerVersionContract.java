package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.statestore.testing.CliRun;
import org.statestore.testing.Neo4jServerProcess;
import org.statestore.testing.ServerRelease;

/**
 * The main commands against one released Neo4j server in its own JVM, as an operator runs them: each subclass
 * names a version (and its default Cypher language) from the supported range; one server per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerVersionContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Neo4jServerProcess server;

    /** The Neo4j release this class runs, e.g. {@code 5.18.1}. */
    abstract String version();

    /** Extra neo4j.conf settings, e.g. {@code db.query.default_language=CYPHER_25}. */
    abstract Map<String, String> settings();

    /** Whether the server understands the {@code CALL (x) { ... }} scope clause (5.23 on). */
    private boolean hasScopeClause() {
        return ServerRelease.of(version()).atLeast("5.23");
    }

    /** Whether the server knows the {@code CYPHER 25} version prefix (2025.06 on). */
    private boolean knowsCypher25() {
        return ServerRelease.of(version()).atLeast("2025.06");
    }

    @BeforeAll
    void startServer(@TempDir Path serverHome) {
        server = Neo4jServerProcess.start(version(), serverHome, settings());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyDatabase() {
        server.wipe();
    }

    private CliRun run(String... args) {
        return CliRun.run(server.env(), args);
    }

    private static void assertExit(int code, CliRun run) {
        assertEquals(code, run.exitCode(), run.toString());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
    }

    private long count(String cypher) {
        try (Session s = server.driver().session(SessionConfig.forDatabase("neo4j"))) {
            return s.run(cypher).single().get(0).asLong();
        }
    }

    private Path units(Map<String, String> files) throws IOException {
        Path dir = Files.createTempDirectory(work, "units");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        return dir;
    }

    @Test
    @DisplayName("the bundled units apply; info, status --check and database check agree; a second up has nothing to do")
    void bundledUnits() {
        CliRun up = run("migrate", "up");
        assertExit(0, up);
        assertTrue(up.out().contains("database is at version 0.7.1"), up.out());
        assertTrue(up.err().contains("Neo4j " + version()), "the target line names the server: " + up.err());

        CliRun info = run("migrate", "info", "--output", "json");
        assertExit(0, info);
        assertTrue(info.out().contains("\"0.7.1\""), info.out());
        assertExit(0, run("migrate", "status", "--check"));
        assertExit(0, run("database", "check"));

        CliRun again = run("migrate", "up");
        assertExit(0, again);
        assertTrue(again.out().contains("database is at version 0.7.1"), again.out());
        assertEquals(0, count("MATCH (e:__StatestoreEntry) WHERE e.state <> 'success' AND e.state <> 'baseline' "
                + "RETURN count(e)"), "every history entry is a success");
    }

    @Test
    @DisplayName("an identity added and verified survives a backup, its verification, and a restore into an empty "
            + "database, after which database check passes")
    void identitiesThroughBackupAndRestore() throws IOException {
        assertExit(0, run("migrate", "up"));
        assertExit(0, run("identity", "add", "-t", "user", "-i", "alice", "-k", "alice-key-version-test"));
        assertExit(0, run("identity", "verify", "-t", "user", "-i", "alice", "-k", "alice-key-version-test"));
        String graphNodes = "MATCH (n) WHERE NOT n:__StatestoreLock RETURN count(n)"; // the lease is not backed up
        long nodes = count(graphNodes);

        Path backups = Files.createDirectories(work.resolve("backups"));
        CliRun create = run("backup", "create", "--to", backups.toString(), "--output", "json");
        assertExit(0, create);
        JsonNode created = JSON.readTree(create.out());
        assertEquals(version(), created.at("/header/serverVersion").asText(), create.out());
        String file = created.get("file").asText();
        assertExit(0, run("backup", "verify", file));

        server.wipe();
        assertExit(0, run("backup", "restore", file));
        assertEquals(nodes, count(graphNodes), "every node is back");
        assertExit(0, run("database", "check"));
        assertExit(0, run("identity", "verify", "-t", "user", "-i", "alice", "-k", "alice-key-version-test"));
        assertExit(0, run("migrate", "status", "--check"));
    }

    @Test
    @DisplayName("a batched CALL { } IN TRANSACTIONS unit passes the dry run, then applies every batch")
    void batchedUnit() throws IOException {
        Path dir = units(Map.of("V1__Things.cypher", "UNWIND range(1, 250) AS i\n"
                + "CALL { WITH i CREATE (:Thing {n: i}) } IN TRANSACTIONS OF 100 ROWS;\n"));
        if (hasScopeClause()) {
            dir = units(Map.of("V1__Things.cypher", "UNWIND range(1, 250) AS i\n"
                    + "CALL (i) { CREATE (:Thing {n: i}) } IN TRANSACTIONS OF 100 ROWS;\n"));
        }
        CliRun dry = run("migrate", "up", "--dry-run", "--no-bundled", "-l", dir.toString());
        assertExit(0, dry);
        assertEquals(0, count("MATCH (t:Thing) RETURN count(t)"), "the dry run wrote nothing");

        assertExit(0, run("migrate", "up", "--no-bundled", "-l", dir.toString()));
        assertEquals(250, count("MATCH (t:Thing) RETURN count(t)"));
        assertEquals(1, count("MATCH (e:__StatestoreEntry {version: '1', state: 'success'}) RETURN count(e)"));
    }

    @Test
    @DisplayName("a pair guarded for servers before and after 5.23 passes the dry run and up; the one for this "
            + "server applies and the other is recorded as skipped")
    void guardedPair() throws IOException {
        Path dir = units(Map.of(
                "V1__Before_scope_clause.cypher", "// skip-unless: neo4j < 5.23\n"
                        + "UNWIND [1, 2] AS i CALL { WITH i CREATE (:Old {n: i}) };\n",
                "V1_1__With_scope_clause.cypher", "// skip-unless: neo4j >= 5.23\n"
                        + "UNWIND [1, 2] AS i CALL (i) { CREATE (:New {n: i}) };\n"));
        assertExit(0, run("migrate", "up", "--dry-run", "--no-bundled", "-l", dir.toString()));
        assertExit(0, run("migrate", "up", "--no-bundled", "-l", dir.toString()));

        String applied = hasScopeClause() ? "1.1" : "1";
        String skipped = hasScopeClause() ? "1" : "1.1";
        assertEquals(1, count("MATCH (e:__StatestoreEntry {version: '" + applied + "', state: 'success'}) "
                + "RETURN count(e)"));
        assertEquals(1, count("MATCH (e:__StatestoreEntry {version: '" + skipped + "', state: 'skipped'}) "
                + "RETURN count(e)"));
        assertEquals(2, count("MATCH (n:" + (hasScopeClause() ? "New" : "Old") + ") RETURN count(n)"));
    }

    @Test
    @DisplayName("a syntax error on line 3, column 5 of a unit is reported by the dry run as file:3:5")
    void syntaxErrorPosition() throws IOException {
        Path dir = units(Map.of("V1__Broken.cypher", "// a unit with a typo\nCREATE (:Fine);\n    CREAT (:Broken);\n"));
        CliRun dry = run("migrate", "up", "--dry-run", "--no-bundled", "-l", dir.toString());
        assertExit(ExitCode.VALIDATION.code(), dry);
        assertTrue(dry.err().contains("V1__Broken.cypher:3:5: the server refused the statement: Invalid input 'CREAT'"),
                dry.err());
    }

    @Test
    @DisplayName("a unit starting with a Cypher version prefix is classified by the statement after it and its index "
            + "exists (CYPHER 25 on calendar releases, a runtime option before)")
    void versionPrefixedSchemaUnit() throws IOException {
        String prefix = knowsCypher25() ? "CYPHER 25" : "CYPHER runtime=slotted";
        Path dir = units(Map.of("V1__Indexed.cypher",
                prefix + " CREATE INDEX thing_n IF NOT EXISTS FOR (t:Thing) ON (t.n);\n"
                        + "CREATE (:Thing {n: 1});\n"));
        CliRun up = run("migrate", "up", "--no-bundled", "-l", dir.toString());
        assertExit(0, up);
        assertTrue(up.out().contains("(split"), "schema and data in one unit apply split: " + up.out());
        assertEquals(1, count("SHOW INDEXES YIELD name WHERE name = 'thing_n' RETURN count(*)"));
        assertEquals(1, count("MATCH (t:Thing) RETURN count(t)"));
    }
}
