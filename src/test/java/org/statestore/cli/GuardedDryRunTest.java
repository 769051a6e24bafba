package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("migrate up --dry-run is true to the server: guards as up applies them, positions in the unit file")
class GuardedDryRunTest {

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

    private CliRun dryRun(String... more) {
        String[] args = {"migrate", "up", "--dry-run", "--no-bundled", "-l", units.toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return run(all);
    }

    private void unit(String name, String text) throws IOException {
        Files.writeString(units.resolve(name), text);
    }

    @Test
    @DisplayName("a guarded pair where Neo4j 5.26 skips the 4.x unit passes the dry run, which lists it as skipped "
            + "and never sends its 4.x syntax, and then passes up, which records the same skip")
    void guardedPair() throws IOException {
        unit("V1__Index_on_four.cypher", "// skip-unless: neo4j < 5.0\nCREATE INDEX ON :Thing(n);\n");
        unit("V1_1__Index_on_five.cypher",
                "// skip-unless: neo4j >= 5.0\nCREATE INDEX thing_n IF NOT EXISTS FOR (t:Thing) ON (t.n);\n");

        CliRun text = dryRun();
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().contains("would skip 1 Index on four (CYPHER) from " + units.resolve("V1__Index_on_four.cypher")
                + ": '// skip-unless: neo4j < 5.0' is not met by Neo4j 5.26"), text.out());
        assertTrue(text.out().contains("would run 1.1 Index on five (CYPHER, split)"), text.out());
        assertFalse(text.out().contains("CREATE INDEX ON :Thing(n)"), "a skipped unit's statements are not listed: "
                + text.out());

        CliRun json = dryRun("--output", "json");
        assertEquals(0, json.exitCode(), json.toString());
        JsonNode plan = JSON.readTree(json.out()).get("plan");
        assertEquals(2, plan.size(), plan.toString());
        assertTrue(plan.get(0).get("skipped").asBoolean(), plan.toString());
        assertFalse(plan.get(1).get("skipped").asBoolean(), plan.toString());
        assertEquals(0, neo4j.count("MATCH (n) RETURN count(n)"), "the dry run wrote nothing");

        CliRun up = run("migrate", "up", "--no-bundled", "-l", units.toString());
        assertEquals(0, up.exitCode(), up.toString());
        assertEquals(1, neo4j.count("MATCH (e:__StatestoreEntry {version: '1', state: 'skipped'}) RETURN count(e)"));
        assertEquals(1, neo4j.count("MATCH (e:__StatestoreEntry {version: '1.1', state: 'success'}) RETURN count(e)"));
        assertEquals(1, neo4j.count("SHOW INDEXES YIELD name WHERE name = 'thing_n' RETURN count(*)"));

        CliRun after = dryRun();
        assertEquals(0, after.exitCode(), after.toString());
        assertTrue(after.out().contains("dry run: nothing to do"), "a skip already recorded and still unmet is nothing "
                + "to do, as for up: " + after.out());
    }

    @Test
    @DisplayName("an unmet '// requires:' fails the dry run with exit 6 and the line up would print, before any EXPLAIN")
    void unmetRequires() throws IOException {
        unit("V1__Four_only.cypher", "// requires: neo4j < 5.0\nCREATE INDEX ON :Thing(n);\n");

        CliRun dry = dryRun();
        CliRun up = run("migrate", "up", "--no-bundled", "-l", units.toString());

        assertEquals(ExitCode.VALIDATION.code(), dry.exitCode(), dry.toString());
        assertEquals(ExitCode.VALIDATION.code(), up.exitCode(), up.toString());
        String line = "unit 1 (" + units.resolve("V1__Four_only.cypher") + ") declares '// requires: neo4j < 5.0' but the "
                + "server is Neo4j 5.26";
        assertTrue(dry.err().contains(line), dry.err());
        assertTrue(up.err().contains(line), up.err());
        assertFalse(dry.err().contains("refused the statement"), dry.err());
    }

    @Test
    @DisplayName("a syntax error on line 3, column 5 of the file is reported as file:3:5, on a statement's first line "
            + "(where EXPLAIN was in front) and on a later line")
    void positionsInTheFile() throws IOException {
        unit("V1__Broken.cypher", "// a unit with a typo\nCREATE (:Fine);\n    CREAT (:Broken);\n");
        CliRun first = dryRun();
        assertEquals(ExitCode.VALIDATION.code(), first.exitCode(), first.toString());
        assertTrue(first.err().contains("V1__Broken.cypher:3:5: the server refused the statement: Invalid input 'CREAT'"),
                first.err());
        assertFalse(first.err().contains("(line 1, column 9"), "the server's position in 'EXPLAIN ...' is not repeated: "
                + first.err());

        unit("V1__Broken.cypher", "CREATE (:Fine);\nMATCH (n)\n    RETRUN n;\n");
        CliRun later = dryRun();
        assertEquals(ExitCode.VALIDATION.code(), later.exitCode(), later.toString());
        assertTrue(later.err().contains("V1__Broken.cypher:3:5: the server refused the statement: Invalid input 'RETRUN'"),
                later.err());
    }
}
