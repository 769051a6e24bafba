package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("Repeatable units, placeholders and preconditions")
class RepeatablePlaceholderPreconditionTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private CliRun up(Map<String, String> extraEnv, String... extra) {
        Map<String, String> env = new HashMap<>(neo4j.env());
        env.putAll(extraEnv);
        String[] args = new String[5 + extra.length];
        args[0] = "migrate";
        args[1] = "up";
        args[2] = "--no-bundled";
        args[3] = "--location";
        args[4] = units.toString();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return CliRun.run(env, args);
    }

    private long entries() {
        return neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)");
    }

    @Test
    @DisplayName("a repeatable unit runs after the versioned ones, again when its checksum changes, not when unchanged")
    void repeatableReRunsOnlyWhenChanged() throws IOException {
        Files.writeString(units.resolve("V1__Things.cypher"), "CREATE (:Thing {id: 1});\n");
        Files.writeString(units.resolve("R__Count_things.cypher"),
                "MATCH (t:Thing) WITH count(t) AS n MERGE (c:Counter) SET c.n = n, c.runs = coalesce(c.runs, 0) + 1;\n");
        CliRun first = up(Map.of());
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("database is at version 1"), first.out());
        assertEquals(1, neo4j.count("MATCH (c:Counter) RETURN c.n"), "ran after V1");
        assertEquals(1, neo4j.count("MATCH (c:Counter) RETURN c.runs"));

        CliRun unchanged = up(Map.of());
        assertEquals(0, unchanged.exitCode(), unchanged.toString());
        assertTrue(unchanged.out().contains("nothing to do"), unchanged.out());
        assertEquals(1, neo4j.count("MATCH (c:Counter) RETURN c.runs"));

        Files.writeString(units.resolve("R__Count_things.cypher"),
                "// counts again\nMATCH (t:Thing) WITH count(t) AS n MERGE (c:Counter) SET c.n = n, c.runs = coalesce(c.runs, 0) + 1;\n");
        CliRun changed = up(Map.of());
        assertEquals(0, changed.exitCode(), changed.toString());
        assertEquals(2, neo4j.count("MATCH (c:Counter) RETURN c.runs"));
        assertEquals(2, neo4j.count("MATCH (e:__StatestoreEntry {version: 'R', description: 'Count things', "
                + "type: 'REPEATABLE', state: 'success'}) RETURN count(e)"), "one history entry per run");

        CliRun info = CliRun.run(neo4j.env(), "migrate", "info", "--no-bundled", "--location", units.toString());
        assertTrue(info.out().lines().anyMatch(l -> l.startsWith("R ") && l.contains("Count things")
                && l.contains("REPEATABLE") && l.contains("success")), info.out());
        assertTrue(info.out().contains("database is at version 1"), info.out());
    }

    @Test
    @DisplayName("placeholders resolve from --placeholder and from STATESTORE_PLACEHOLDER_<NAME>; the checksum covers the raw text")
    void placeholdersFromFlagAndEnv() throws IOException {
        Files.writeString(units.resolve("V1__Tenant.cypher"), "CREATE (:Tenant {name: '${tenant}', region: '${region}'});\n");
        CliRun r = up(Map.of("STATESTORE_PLACEHOLDER_REGION", "eu"), "--placeholder", "tenant=acme");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1, neo4j.count("MATCH (t:Tenant {name: 'acme', region: 'eu'}) RETURN count(t)"));
        // Another value later does not make the applied unit look edited.
        CliRun validate = CliRun.run(neo4j.env(), "migrate", "validate", "--no-bundled", "--location", units.toString(),
                "--placeholder", "tenant=other", "--placeholder", "region=us");
        assertEquals(0, validate.exitCode(), validate.toString());
    }

    @Test
    @DisplayName("an unresolved placeholder fails with exit 6 naming file and line, before anything is written")
    void unresolvedPlaceholder() throws IOException {
        Files.writeString(units.resolve("V1__Fine.cypher"), "CREATE (:Fine);\n");
        Files.writeString(units.resolve("V2__Tenant.cypher"), "CREATE (:A);\n\nCREATE (:Tenant {\n  name: '${tenant}'});\n");
        CliRun r = up(Map.of());
        assertEquals(ExitCode.VALIDATION.code(), r.exitCode(), r.toString());
        assertTrue(r.err().contains("V2__Tenant.cypher:4: unresolved placeholder ${tenant}"), r.err());
        assertEquals(0, neo4j.count("MATCH (n) RETURN count(n)"), "nothing written, not even V1 or the chain");
    }

    @Test
    @DisplayName("an unmet '// requires:' fails with exit 6 before anything runs")
    void requiresFails() throws IOException {
        Files.writeString(units.resolve("V1__Fine.cypher"), "CREATE (:Fine);\n");
        Files.writeString(units.resolve("V2__Enterprise_only.cypher"),
                "// requires: edition enterprise\n// requires: neo4j >= 5.0\nCREATE (:Enterprise);\n");
        CliRun r = up(Map.of());
        assertEquals(ExitCode.VALIDATION.code(), r.exitCode(), r.toString());
        assertTrue(r.err().contains("declares '// requires: edition enterprise'"), r.err());
        assertEquals(0, entries());
        assertEquals(0, neo4j.count("MATCH (f:Fine) RETURN count(f)"));
    }

    @Test
    @DisplayName("a met '// requires:' runs; an unmet '// skip-unless:' is skipped and recorded once, later units still run")
    void skipUnless() throws IOException {
        Files.writeString(units.resolve("V1__Needs_five.cypher"), "// requires: neo4j >= 5.0\nCREATE (:Five);\n");
        Files.writeString(units.resolve("V2__Enterprise_index.cypher"),
                "// skip-unless: edition enterprise\nCREATE (:Enterprise);\n");
        Files.writeString(units.resolve("V3__After.cypher"), "// skip-unless: neo4j < 99\nCREATE (:After);\n");
        CliRun r = up(Map.of());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("skipping 2 Enterprise index"), r.err());
        assertEquals(1, neo4j.count("MATCH (f:Five) RETURN count(f)"));
        assertEquals(0, neo4j.count("MATCH (e:Enterprise) RETURN count(e)"));
        assertEquals(1, neo4j.count("MATCH (a:After) RETURN count(a)"));
        assertEquals(1, neo4j.count("MATCH (e:__StatestoreEntry {version: '2', state: 'skipped'}) RETURN count(e)"));

        CliRun again = up(Map.of());
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("nothing to do: database is at version 3"), again.out());
        assertEquals(3, entries());
        CliRun info = CliRun.run(neo4j.env(), "migrate", "info", "--no-bundled", "--location", units.toString());
        assertTrue(info.out().lines().anyMatch(l -> l.startsWith("2 ") && l.contains("skipped")), info.out());
    }

    @Test
    @DisplayName("a malformed precondition is a validation error (exit 6)")
    void malformedPrecondition() throws IOException {
        Files.writeString(units.resolve("V1__Odd.cypher"), "// requires: a full moon\nCREATE (:Odd);\n");
        CliRun r = up(Map.of());
        assertEquals(ExitCode.VALIDATION.code(), r.exitCode(), r.toString());
        assertTrue(r.err().contains("is not a precondition"), r.err());
    }
}
