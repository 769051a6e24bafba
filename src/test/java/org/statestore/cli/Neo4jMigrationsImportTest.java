package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.migrate.Neo4jMigrationsImport;
import org.statestore.testing.CliRun;
import org.statestore.testing.Neo4jMigrationsCli;
import org.statestore.testing.TestNeo4j;

@DisplayName("statestore migrate import --from neo4j-migrations, against the real neo4j-migrations 2.17.3")
class Neo4jMigrationsImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    @BeforeEach
    void emptyDatabaseAndThreeUnits() throws IOException {
        neo4j.reset();
        Files.writeString(units.resolve("V1__Create_thing_constraint.cypher"),
                "CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (t:Thing) REQUIRE t.id IS UNIQUE;\n");
        Files.writeString(units.resolve("V2__Add_things.cypher"), "CREATE (:Thing {id: 1});\nCREATE (:Thing {id: 2});\n");
        Files.writeString(units.resolve("V3__Tag_things.cypher"), "MATCH (t:Thing) SET t.tagged = true;\n");
    }

    private CliRun run(String... args) {
        return CliRun.run(neo4j.env(), args);
    }

    private void applyWithNeo4jMigrations() throws Exception {
        assumeTrue(Neo4jMigrationsCli.available(), "target/neo4j-migrations-cli is copied by the build");
        CliRun peer = Neo4jMigrationsCli.run(units, "apply");
        assertEquals(0, peer.exitCode(), peer.toString());
        assertTrue(peer.out().contains("Database migrated to version 3"), peer.toString());
        assertEquals(3, neo4j.count("MATCH (m:__Neo4jMigration) WHERE m.version <> 'BASELINE' RETURN count(m)"));
    }

    @Test
    @DisplayName("the peer's three runs become applied, imported history; up applies only a new fourth unit; "
            + "--drop-constraints drops exactly the peer's constraints; --remove-source then removes its nodes")
    void importThenUpThenCleanUp() throws Exception {
        applyWithNeo4jMigrations();
        List<String> before = neo4j.constraintNames();
        assertTrue(before.containsAll(Neo4jMigrationsImport.PEER_CONSTRAINTS), before.toString());
        assertTrue(before.contains("thing_id"), before.toString());

        CliRun imported = run("migrate", "import", "--from", "neo4j-migrations", "--drop-constraints");
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.out().contains("imported 1 Create thing constraint"), imported.out());
        assertTrue(imported.out().contains("left the neo4j-migrations nodes in place"), imported.out());

        // Times and user come from the peer's MIGRATED_TO relationships; the checksum is the peer's, marked.
        var rows = neo4j.query("""
                MATCH (e:__StatestoreEntry) RETURN e.version AS v, e.state AS state, e.imported_from AS from,
                  e.checksum AS checksum, e.installed_by AS by, e.installed_on AS on, e.type AS type ORDER BY e.seq""");
        assertEquals(3, rows.size());
        var peerAt = neo4j.query("MATCH ()-[r:MIGRATED_TO]->(m:__Neo4jMigration {version: '1'}) RETURN r.at AS at")
                .get(0).get("at").asZonedDateTime();
        assertEquals(peerAt.toInstant(), rows.get(0).get("on").asZonedDateTime().toInstant());
        for (var r : rows) {
            assertEquals("success", r.get("state").asString());
            assertEquals("neo4j-migrations", r.get("from").asString());
            assertEquals("IMPORTED", r.get("type").asString());
            assertTrue(r.get("checksum").asString().startsWith("neo4j-migrations:"), r.toString());
            assertTrue(r.get("by").asString().length() > 0, r.toString());
        }
        List<String> after = neo4j.constraintNames();
        List<String> gone = new ArrayList<>(before);
        gone.removeAll(after);
        assertEquals(Neo4jMigrationsImport.PEER_CONSTRAINTS.stream().sorted().toList(), gone.stream().sorted().toList());
        assertTrue(after.contains("thing_id"), after.toString());
        assertEquals(3, neo4j.count("MATCH (m:__Neo4jMigration) WHERE m.version <> 'BASELINE' RETURN count(m)"));

        CliRun info = run("migrate", "info", "--no-bundled", "--location", units.toString());
        assertEquals(0, info.exitCode(), info.toString());
        assertEquals(3, info.out().lines().filter(l -> l.contains(" success ") && l.contains("imported")).count(),
                info.out());
        JsonNode json = JSON.readTree(run("migrate", "info", "--no-bundled", "--location", units.toString(),
                "--output", "json").out());
        assertEquals("neo4j-migrations", json.get("units").get(0).get("importedFrom").asText());
        assertTrue(json.get("units").get(0).get("checksumMatches").isNull());

        CliRun validate = run("migrate", "validate", "--no-bundled", "--location", units.toString());
        assertEquals(0, validate.exitCode(), validate.toString());

        Files.writeString(units.resolve("V4__Count_things.cypher"), "MATCH (t:Thing) SET t.counted = true;\n");
        CliRun up = run("migrate", "up", "--no-bundled", "--location", units.toString());
        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(up.out().contains("applied 4 Count things"), up.out());
        assertFalse(up.out().contains("applied 1 ") || up.out().contains("applied 2 ") || up.out().contains("applied 3 "),
                up.out());
        assertEquals(2, neo4j.count("MATCH (t:Thing) RETURN count(t)"));
        assertEquals(4, neo4j.count("MATCH (e:__StatestoreEntry {state: 'success'}) RETURN count(e)"));

        CliRun again = run("migrate", "import", "--from", "neo4j-migrations", "--remove-source");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("nothing to import"), again.out());
        assertEquals(0, neo4j.count("MATCH (m:__Neo4jMigration) RETURN count(m)"));
        assertEquals(4, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"));
    }

    @Test
    @DisplayName("a database without a neo4j-migrations chain is not found (exit 10) and nothing is written")
    void noPeerChain() {
        CliRun r = run("migrate", "import", "--from", "neo4j-migrations");
        assertEquals(ExitCode.NOT_FOUND.code(), r.exitCode(), r.toString());
        assertTrue(r.err().contains("no neo4j-migrations history"), r.err());
        assertEquals(0, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"));
    }

    @Test
    @DisplayName("versions statestore already recorded are refused (exit 11), writing nothing")
    void clashRefused(@TempDir Path own) throws Exception {
        applyWithNeo4jMigrations();
        Files.writeString(own.resolve("V1__Own_first.cypher"), "RETURN 1;\n");
        assertEquals(0, run("migrate", "up", "--no-bundled", "--location", own.toString()).exitCode());
        CliRun r = run("migrate", "import", "--from", "neo4j-migrations", "--remove-source");
        assertEquals(ExitCode.REFUSED.code(), r.exitCode(), r.toString());
        assertTrue(r.err().contains("already has entries for version(s) 1"), r.err());
        assertEquals(1, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"));
        assertEquals(4, neo4j.count("MATCH (m:__Neo4jMigration) RETURN count(m)"));
    }

    @Test
    @DisplayName("an unknown --from tool is a usage error (exit 2)")
    void unknownTool() {
        CliRun r = run("migrate", "import", "--from", "flyway");
        assertEquals(ExitCode.USAGE.code(), r.exitCode(), r.toString());
    }
}
