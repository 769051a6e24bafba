package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("statestore migrate on the command line")
class MigrateCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private CliRun run(String... args) {
        return CliRun.run(neo4j.env(), args);
    }

    @Test
    @DisplayName("migrate up applies units, a second run applies nothing, and info --output json lists them as success")
    void upThenInfoJson() throws IOException {
        Files.writeString(units.resolve("V1__First.cypher"), "CREATE (:Thing);");
        CliRun first = run("migrate", "up", "--no-bundled", "--location", units.toString());
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("applied 1 First"), first.out());

        CliRun second = run("migrate", "up", "--no-bundled", "--location", units.toString());
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("nothing to do: database is at version 1"), second.out());

        CliRun info = run("migrate", "info", "--no-bundled", "--location", units.toString(), "--output", "json");
        assertEquals(0, info.exitCode(), info.toString());
        JsonNode doc = JSON.readTree(info.out());
        assertTrue(doc.get("ok").asBoolean());
        assertEquals(0, doc.get("exitCode").asInt());
        JsonNode unit = doc.get("units").get(0);
        assertEquals("1", unit.get("version").asText());
        assertEquals("First", unit.get("description").asText());
        assertEquals("CYPHER", unit.get("type").asText());
        assertEquals("success", unit.get("state").asText());
        assertTrue(unit.get("checksum").asText().startsWith("v1:"));
        assertEquals(unit.get("checksum").asText(), unit.get("recordedChecksum").asText());
        assertTrue(unit.get("checksumMatches").asBoolean());
    }

    @Test
    @DisplayName("migrate info --output json carries the local checksum of pending units")
    void pendingChecksumInJson() throws IOException {
        Files.writeString(units.resolve("V1_2__Pending.cypher"), "CREATE (:Thing);");
        JsonNode doc = JSON.readTree(run("migrate", "info", "--no-bundled", "-l", units.toString(), "-o", "json").out());
        JsonNode unit = doc.get("units").get(0);
        assertEquals("1.2", unit.get("version").asText());
        assertEquals("pending", unit.get("state").asText());
        assertTrue(unit.get("checksum").asText().startsWith("v1:"));
        assertTrue(unit.get("recordedChecksum").isNull());
    }

    @Test
    @DisplayName("migrate up --target stops early")
    void target() throws IOException {
        Files.writeString(units.resolve("V1__One.cypher"), "CREATE (:Thing);");
        Files.writeString(units.resolve("V2__Two.cypher"), "CREATE (:Thing);");
        CliRun run = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--target", "1");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(1, neo4j.count("MATCH (t:Thing) RETURN count(t)"));
    }

    @Test
    @DisplayName("a --target that names no unit is exit 6 with the nearest known versions, and nothing is written, "
            + "for migrate up, its --dry-run and migrate info")
    void unknownTarget() throws IOException {
        Files.writeString(units.resolve("V1__One.cypher"), "CREATE (:Thing);");
        Files.writeString(units.resolve("V2__Two.cypher"), "CREATE (:Thing);");

        CliRun up = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--target", "99.99");
        CliRun between = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--target", "1.5");
        CliRun dry = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--target", "99.99", "--dry-run");
        CliRun info = run("migrate", "info", "--no-bundled", "-l", units.toString(), "--target", "99.99");

        assertEquals(6, up.exitCode(), up.toString());
        assertTrue(up.err().contains("--target 99.99 names no unit (the nearest known version is 2;"), up.toString());
        assertTrue(between.err().contains("--target 1.5 names no unit (the nearest known versions are 1 and 2;"),
                between.toString());
        assertEquals(6, dry.exitCode(), dry.toString());
        assertTrue(dry.err().contains("--target 99.99 names no unit"), dry.toString());
        assertEquals(6, info.exitCode(), info.toString());
        assertTrue(info.err().contains("--target 99.99 names no unit"), info.toString());
        assertEquals(1, info.err().lines().filter(l -> !l.startsWith("statestore: target:")).count(), info.toString());
        assertEquals(0, neo4j.count("MATCH (n) RETURN count(n)"), "nothing was written: no unit, no history, no lease");
    }

    @Test
    @DisplayName("migrate up --group applies every pending unit in one transaction, and refuses a group holding a split "
            + "unit with exit 6, naming it and writing nothing, as its --dry-run does")
    void group() throws IOException {
        Files.writeString(units.resolve("V1__One.cypher"), "CREATE (:Thing);");
        Files.writeString(units.resolve("V2__Two.cypher"), "CREATE (:Thing);");
        Files.writeString(units.resolve("V3__Mixed.cypher"), "CREATE INDEX t IF NOT EXISTS FOR (t:Thing) ON (t.n);\n"
                + "CREATE (:Thing);");

        CliRun refused = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--group");
        CliRun dry = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--group", "--dry-run");

        assertEquals(6, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("unit 3 (" + units.resolve("V3__Mixed.cypher") + ") cannot join --group's one "
                + "transaction: it mixes schema commands and data writes"), refused.toString());
        assertEquals(6, dry.exitCode(), dry.toString());
        assertTrue(dry.err().contains("unit 3 (" + units.resolve("V3__Mixed.cypher") + ") cannot join --group's one "
                + "transaction"), dry.toString());
        assertEquals(0, neo4j.count("MATCH (n) RETURN count(n)"), "nothing was written: no unit, no history, no lease");

        CliRun grouped = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--group", "--target", "2");
        assertEquals(0, grouped.exitCode(), grouped.toString());
        assertTrue(grouped.out().contains("applied 1 One (single, "), grouped.out());
        assertTrue(grouped.out().contains("applied 2 Two (single, "), grouped.out());
        assertTrue(grouped.err().contains("applying 2 units in one transaction (--group)"), grouped.err());
        assertEquals(2, neo4j.count("MATCH (e:__StatestoreEntry {state: 'success'}) RETURN count(e)"));
    }

    @Test
    @DisplayName("--target latest applies up to the newest unit, and a version recorded only in the history chain "
            + "(applied by a newer release) is a known target")
    void latestAndRecordedTargets() throws IOException {
        Files.writeString(units.resolve("V1__One.cypher"), "CREATE (:Thing);");
        Files.writeString(units.resolve("V2__Two.cypher"), "CREATE (:Thing);");
        Files.writeString(units.resolve("V3__Three.cypher"), "CREATE (:Thing);");

        CliRun latest = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--target", "latest");
        assertEquals(0, latest.exitCode(), latest.toString());
        assertTrue(latest.out().contains("database is at version 3"), latest.toString());
        assertEquals(3, neo4j.count("MATCH (t:Thing) RETURN count(t)"));

        // An older release knows units 1 and 2 only; 3 is in the chain, so it is a known version.
        Files.delete(units.resolve("V3__Three.cypher"));
        CliRun recorded = run("migrate", "info", "--no-bundled", "-l", units.toString(), "--target", "3");
        assertEquals(0, recorded.exitCode(), recorded.toString());
        CliRun infoLatest = run("migrate", "info", "--no-bundled", "-l", units.toString(), "--target", "LATEST",
                "--output", "json");
        assertEquals(0, infoLatest.exitCode(), infoLatest.toString());
    }

    @Test
    @DisplayName("an unknown flag is one line on stderr and exit 2")
    void badFlag() {
        CliRun run = run("migrate", "up", "--no-such-flag");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(run.err().contains("--no-such-flag"), run.err());
        assertEquals("", run.out());
    }

    @Test
    @DisplayName("a malformed --target is exit 2 with one line")
    void badTarget() {
        CliRun run = run("migrate", "up", "--target", "one");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
    }

    @Test
    @DisplayName("an unsupported URL scheme is exit 2 with one line")
    void badUrlScheme() {
        Map<String, String> env = new HashMap<>(neo4j.env());
        env.put("NEO4J_URL", "http://localhost:7474");
        CliRun run = CliRun.run(env, "migrate", "info");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(run.err().contains("unsupported URL"), run.err());
    }

    @Test
    @DisplayName("an unreachable database is exit 3 with one line and no stack trace")
    void unreachable() {
        Map<String, String> env = new HashMap<>(neo4j.env());
        env.put("NEO4J_URL", "bolt://127.0.0.1:1");
        CliRun run = CliRun.run(env, "migrate", "info");
        assertEquals(3, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertFalse(run.err().contains("\tat "), run.toString());
    }

    @Test
    @DisplayName("a database that does not exist is exit 3 with one line")
    void unknownDatabase() {
        CliRun run = run("migrate", "info", "--database", "nosuchdb");
        assertEquals(3, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(run.err().contains("nosuchdb"), run.err());
    }

    @Test
    @DisplayName("a malformed unit name is exit 6, names the file, and touches nothing")
    void malformedUnit() throws IOException {
        Files.writeString(units.resolve("V1-bad.cypher"), "CREATE (:Thing);");
        CliRun run = run("migrate", "up", "--no-bundled", "-l", units.toString());
        assertEquals(6, run.exitCode(), run.toString());
        // Units are read on the first migration operation, after connecting: the target line comes first.
        assertEquals(1, run.err().lines().filter(l -> !l.startsWith("statestore: target:")).count(), run.toString());
        assertTrue(run.err().contains("V1-bad.cypher"), run.err());
        assertEquals(0, neo4j.count("MATCH (n) RETURN count(n)"));
    }

    @Test
    @DisplayName("a failing unit is exit 7 with one error line, and --output json reports it in the same envelope")
    void failingUnitJson() throws IOException {
        Files.writeString(units.resolve("V1__Broken.cypher"), "CREATE (:Thing);\nNOT CYPHER;");
        CliRun run = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--output", "json");
        assertEquals(7, run.exitCode(), run.toString());
        JsonNode doc = JSON.readTree(run.out());
        assertFalse(doc.get("ok").asBoolean());
        assertEquals(7, doc.get("exitCode").asInt());
        assertTrue(doc.get("error").asText().contains("at statement 2"), doc.toString());
        assertEquals(1, run.err().lines().filter(l -> l.contains("V1__Broken.cypher")).count(), run.toString());
        assertFalse(run.err().contains("\tat "), run.toString());
    }

    @Test
    @DisplayName("connection failures in --output json mode are a JSON document too")
    void connectionFailureJson() throws IOException {
        Map<String, String> env = new HashMap<>(neo4j.env());
        env.put("NEO4J_URL", "bolt://127.0.0.1:1");
        CliRun run = CliRun.run(env, "migrate", "up", "--output", "json", "--wait-for-db", "0s");
        assertEquals(3, run.exitCode(), run.toString());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals(3, doc.get("exitCode").asInt());
        assertFalse(doc.get("ok").asBoolean());
    }

    @Test
    @DisplayName("--help on every command shows usage, and the top-level help lists the exit codes")
    void help() {
        CliRun top = run("--help");
        assertEquals(0, top.exitCode());
        assertTrue(top.out().contains("Exit codes:"), top.out());
        assertTrue(top.out().contains("143"), top.out());
        for (String[] cmd : new String[][] {{"migrate", "--help"}, {"migrate", "up", "--help"},
                {"migrate", "info", "--help"}, {"migrate", "baseline", "--help"}, {"server", "--help"}}) {
            CliRun r = run(cmd);
            assertEquals(0, r.exitCode(), String.join(" ", cmd));
            assertTrue(r.out().startsWith("Usage: statestore"), r.out());
        }
        assertTrue(run("migrate", "up", "--help").out().contains("Examples:"));
    }

    @Test
    @DisplayName("--version names the tool, the driver and the embedded Neo4j")
    void version() {
        CliRun run = run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("statestore"), run.out());
        assertTrue(run.out().contains("neo4j-java-driver"), run.out());
        assertTrue(run.out().contains("embedded Neo4j 5.26"), run.out());
    }

    @Test
    @DisplayName("migrate baseline marks older units ignored and is refused once a chain exists")
    void baseline() throws IOException {
        Files.writeString(units.resolve("V1__One.cypher"), "CREATE (:One);");
        Files.writeString(units.resolve("V2__Two.cypher"), "CREATE (:Two);");
        CliRun base = run("migrate", "baseline", "--version", "1", "--no-bundled", "-l", units.toString());
        assertEquals(0, base.exitCode(), base.toString());
        CliRun up = run("migrate", "up", "--no-bundled", "-l", units.toString());
        assertEquals(0, up.exitCode(), up.toString());
        assertEquals(0, neo4j.count("MATCH (n:One) RETURN count(n)"));
        assertEquals(1, neo4j.count("MATCH (n:Two) RETURN count(n)"));
        CliRun again = run("migrate", "baseline", "--version", "1", "--no-bundled", "-l", units.toString());
        assertEquals(11, again.exitCode(), again.toString());
    }
}
