package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("The migration lifecycle: undo, dry run, validate, repair, info states")
class LifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--no-bundled";
        all[args.length + 1] = "-l";
        all[args.length + 2] = units.toString();
        return CliRun.run(neo4j.env(), all);
    }

    private void file(String name, String text) throws IOException {
        Files.writeString(units.resolve(name), text);
    }

    /** The graph outside statestore's own nodes, as sorted text: labels, properties, relationships, schema. */
    private String graph() {
        List<String> lines = new java.util.ArrayList<>();
        neo4j.query("MATCH (n) WHERE NONE(l IN labels(n) WHERE l STARTS WITH '__Statestore') "
                + "RETURN labels(n) AS l, properties(n) AS p").forEach(r -> lines.add("node "
                + new java.util.TreeSet<>(r.get("l").asList(org.neo4j.driver.Value::asString))
                + new java.util.TreeMap<>(r.get("p").asMap())));
        neo4j.query("MATCH (a)-[r]->(b) WHERE NONE(l IN labels(a) WHERE l STARTS WITH '__Statestore') "
                + "RETURN type(r) AS t, properties(r) AS p, properties(a) AS a, properties(b) AS b").forEach(r -> lines.add(
                "rel " + r.get("t").asString() + new java.util.TreeMap<>(r.get("p").asMap())
                        + new java.util.TreeMap<>(r.get("a").asMap()) + new java.util.TreeMap<>(r.get("b").asMap())));
        java.util.Collections.sort(lines);
        return String.join("\n", lines)
                + "\nconstraints " + neo4j.constraintNames()
                + "\nindexes " + neo4j.query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name ORDER BY name")
                .stream().map(r -> r.get(0).asString()).toList();
    }

    private void threeReversibleUnits() throws IOException {
        file("V1__People.cypher", "CREATE (:Person {name: 'ada'});");
        file("V2__Index.cypher", "CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name);");
        file("U2__Index.cypher", "DROP INDEX person_name IF EXISTS;");
        file("V3__Ages.cypher", "MATCH (p:Person) SET p.age = 36;\nCREATE (:Person {name: 'bob', age: 40});");
        file("U3__Ages.cypher", "MATCH (p:Person {name: 'bob'}) DELETE p;\nMATCH (p:Person) REMOVE p.age;");
    }

    @Test
    @DisplayName("undo --to 1 leaves the graph exactly as after V1, keeps V2 and V3 as undone, and up re-applies them")
    void undoAndReapply() throws IOException {
        threeReversibleUnits();
        assertEquals(0, run("migrate", "up", "--target", "1").exitCode());
        String afterV1 = graph();
        assertEquals(0, run("migrate", "up").exitCode());
        String afterV3 = graph();

        CliRun undo = run("migrate", "undo", "--to", "1");
        assertEquals(0, undo.exitCode(), undo.toString());
        assertTrue(undo.out().contains("undone 3") && undo.out().contains("undone 2"), undo.out());
        assertEquals(afterV1, graph());
        JsonNode info = JSON.readTree(run("migrate", "info", "-o", "json").out());
        assertEquals(List.of("success", "undone", "undone"), states(info));
        assertEquals(3, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"), "undone entries are kept");

        CliRun up = run("migrate", "up");
        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(up.err().contains("re-apply after undo"), up.err());
        assertEquals(afterV3, graph());
        assertEquals(List.of("success", "success", "success"), states(JSON.readTree(run("migrate", "info", "-o", "json").out())));
        assertEquals(5, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"), "re-applies are new runs");
    }

    @Test
    @DisplayName("an irreversible unit stops undo with its note and exit 7, touching nothing below it")
    void irreversibleStops() throws IOException {
        file("V1__People.cypher", "CREATE (:Person {name: 'ada'});");
        file("V2__Merge.cypher", "// rollback: merged people cannot be split again; restore the backup taken before 2\n"
                + "MATCH (p:Person) SET p.merged = true;");
        file("V3__More.cypher", "CREATE (:Person {name: 'bob'});");
        file("U3__More.cypher", "MATCH (p:Person {name: 'bob'}) DELETE p;");
        assertEquals(0, run("migrate", "up").exitCode());

        CliRun undo = run("migrate", "undo", "--to", "0");
        assertEquals(7, undo.exitCode(), undo.toString());
        assertTrue(undo.err().contains("stopped at unit 2"), undo.err());
        assertTrue(undo.err().contains("merged people cannot be split again"), undo.err());
        assertEquals(List.of("success", "success", "undone"), states(JSON.readTree(run("migrate", "info", "-o", "json").out())));
        assertEquals(1, neo4j.count("MATCH (p:Person {merged: true}) RETURN count(p)"));
    }

    @Test
    @DisplayName("a unit whose files were removed after it was applied is undone from its recorded note alone")
    void undoFromRecordedNote() throws IOException {
        threeReversibleUnits();
        assertEquals(0, run("migrate", "up").exitCode());
        Files.delete(units.resolve("V3__Ages.cypher"));
        Files.delete(units.resolve("U3__Ages.cypher"));

        CliRun undo = run("migrate", "undo", "--steps", "1");
        assertEquals(0, undo.exitCode(), undo.toString());
        assertEquals(0, neo4j.count("MATCH (p:Person) WHERE p.age IS NOT NULL OR p.name = 'bob' RETURN count(p)"));
    }

    @Test
    @DisplayName("an undo script without its unit is an error naming the file")
    void undoWithoutUnit() throws IOException {
        file("V1__People.cypher", "CREATE (:Person);");
        file("U2__Orphan.cypher", "MATCH (n) DETACH DELETE n;");
        CliRun run = run("migrate", "up");
        assertEquals(6, run.exitCode(), run.toString());
        assertTrue(run.err().contains("U2__Orphan.cypher"), run.err());
        assertEquals(0, neo4j.count("MATCH (n) RETURN count(n)"));
    }

    @Test
    @DisplayName("validate exits 6 naming an edited applied unit, and repair --accept-checksum fixes it")
    void validateAndAcceptChecksum() throws IOException {
        file("V1__People.cypher", "CREATE (:Person {name: 'ada'});");
        assertEquals(0, run("migrate", "up").exitCode());
        file("V1__People.cypher", "CREATE (:Person {name: 'ada', edited: true});");

        CliRun validate = run("migrate", "validate");
        assertEquals(6, validate.exitCode(), validate.toString());
        assertTrue(validate.out().contains("unit 1 (" + units.resolve("V1__People.cypher") + ") was changed"), validate.out());
        assertEquals(6, run("migrate", "up").exitCode(), "up validates first");

        CliRun repair = run("migrate", "repair", "--accept-checksum", "1");
        assertEquals(0, repair.exitCode(), repair.toString());
        assertTrue(repair.out().contains("accepted checksum"), repair.out());
        assertEquals(0, run("migrate", "validate").exitCode());
        assertEquals(0, run("migrate", "up").exitCode());
        assertEquals(1, neo4j.count("MATCH (p:Person) RETURN count(p)"), "accepting a checksum runs nothing");
    }

    @Test
    @DisplayName("repair marks a failed unit for retry, and forget retires a deleted unit's entry")
    void repairRetryAndForget() throws IOException {
        file("V1__Flaky.cypher", "MATCH (g:Gate) WITH count(g) AS n CALL { WITH n WITH n WHERE n = 0 RETURN 1/0 AS boom } "
                + "RETURN n;");
        assertEquals(7, run("migrate", "up").exitCode());
        assertEquals(7, run("migrate", "up").exitCode(), "an unchanged failed unit blocks");
        neo4j.query("CREATE (:Gate)");
        CliRun repair = run("migrate", "repair");
        assertEquals(0, repair.exitCode(), repair.toString());
        assertTrue(repair.out().contains("marked failed unit 1 for retry"), repair.out());
        assertEquals(0, run("migrate", "up").exitCode());

        file("V2__Gone.cypher", "CREATE (:Gone);");
        file("V3__Last.cypher", "CREATE (:Last);");
        assertEquals(0, run("migrate", "up").exitCode());
        Files.delete(units.resolve("V2__Gone.cypher"));
        assertEquals(6, run("migrate", "validate").exitCode(), "missing units are a problem");
        assertEquals(11, run("migrate", "repair", "--forget", "3").exitCode(), "only missing units can be forgotten");
        assertEquals(0, run("migrate", "repair", "--forget", "2").exitCode());
        assertEquals(0, run("migrate", "validate").exitCode());
    }

    @Test
    @DisplayName("an older unit set against a newer chain: up warns about future units and exits 0; --strict exits 6")
    void futureUnits() throws IOException {
        file("V1__People.cypher", "CREATE (:Person);");
        file("V2__Newer.cypher", "CREATE (:Newer);");
        assertEquals(0, run("migrate", "up").exitCode());
        Files.delete(units.resolve("V2__Newer.cypher"));

        CliRun up = run("migrate", "up");
        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(up.err().contains("warning: unit 2"), up.err());
        CliRun strict = run("migrate", "up", "--strict");
        assertEquals(6, strict.exitCode(), strict.toString());
        assertEquals(6, run("migrate", "validate", "--strict").exitCode());
        assertEquals(0, run("migrate", "validate").exitCode());
    }

    @Test
    @DisplayName("up --dry-run over a syntax error exits 6 naming file and line, and changes nothing")
    void dryRunFindsSyntaxError() throws IOException {
        file("V1__People.cypher", "CREATE (:Person);");
        assertEquals(0, run("migrate", "up").exitCode());
        file("V2__Fine.cypher", "CREATE INDEX p IF NOT EXISTS FOR (p:Person) ON (p.x);\nCREATE (:Fine);");
        file("V3__Broken.cypher", "// a comment line\nCREATE (:Ok);\n\nMATCH (n)\nRETRUN n;");
        String before = snapshot();

        CliRun dry = run("migrate", "up", "--dry-run");
        assertEquals(6, dry.exitCode(), dry.toString());
        assertTrue(dry.err().contains("V3__Broken.cypher:5:"), dry.err());
        assertEquals(before, snapshot());

        Files.delete(units.resolve("V3__Broken.cypher"));
        CliRun valid = run("migrate", "up", "--dry-run");
        assertEquals(0, valid.exitCode(), valid.toString());
        assertTrue(valid.out().contains("would run 2 Fine (CYPHER, split)"), valid.out());
        assertTrue(valid.out().contains("CREATE INDEX p IF NOT EXISTS"), valid.out());
        assertEquals(before, snapshot());
    }

    @Test
    @DisplayName("undo --dry-run lists what would be undone and changes nothing")
    void undoDryRun() throws IOException {
        threeReversibleUnits();
        assertEquals(0, run("migrate", "up").exitCode());
        String before = snapshot();
        CliRun dry = run("migrate", "undo", "--steps", "2", "--dry-run", "-o", "json");
        assertEquals(0, dry.exitCode(), dry.toString());
        JsonNode plan = JSON.readTree(dry.out()).get("plan");
        assertEquals("3", plan.get(0).get("version").asText());
        assertEquals("2", plan.get(1).get("version").asText());
        assertEquals(before, snapshot());
    }

    private String snapshot() {
        return graph() + "\nentries " + neo4j.query("MATCH (e:__StatestoreEntry) RETURN e.seq AS s, e.state AS st ORDER BY s")
                .stream().map(r -> r.get("s").asLong() + r.get("st").asString()).toList()
                + "\nlocks " + neo4j.count("MATCH (l:__StatestoreLock) RETURN count(l)")
                + "\nnodes " + neo4j.count("MATCH (n) RETURN count(n)")
                + "\nrels " + neo4j.count("MATCH ()-[r]->() RETURN count(r)");
    }

    @Test
    @DisplayName("info shows every state, in the table and in JSON, and filters by state")
    void everyState() throws IOException {
        file("V1__Ignored.cypher", "CREATE (:A);");
        file("V2__Base.cypher", "CREATE (:B);");
        assertEquals(0, run("migrate", "baseline", "--version", "2").exitCode());
        file("V3__Success.cypher", "CREATE (:C);");
        file("V4__Missing.cypher", "CREATE (:D);");
        file("V5__Forgotten.cypher", "CREATE (:E);");
        file("V6__Undone.cypher", "CREATE (:F);");
        file("U6__Undone.cypher", "MATCH (f:F) DELETE f;");
        assertEquals(0, run("migrate", "up").exitCode());
        assertEquals(0, run("migrate", "undo", "--steps", "1").exitCode());
        Files.delete(units.resolve("V4__Missing.cypher"));
        Files.delete(units.resolve("V5__Forgotten.cypher"));
        assertEquals(0, run("migrate", "repair", "--forget", "5").exitCode());
        // Runs this process cannot produce by itself are written as other processes leave them:
        // a failed run, a run cut off by a kill, and a unit applied by a newer release.
        appendEntry("7", "failed", ", error_code: 'Neo.ClientError.Statement.ArithmeticError', error_message: '/ by zero'");
        appendEntry("8", "running", "");
        appendEntry("20", "success", "");
        file("V7__Failed.cypher", "RETURN 1/0;");
        file("V8__Running.cypher", "CREATE (:H);");
        file("V3_5__Out_of_order.cypher", "CREATE (:I);");
        file("V21__Pending.cypher", "CREATE (:J);");
        file("V22__Above_target.cypher", "CREATE (:K);");

        CliRun info = run("migrate", "info", "--target", "21", "-o", "json");
        assertEquals(0, info.exitCode(), info.toString());
        CliRun text = run("migrate", "info", "--target", "21");
        List<String> expected = List.of("ignored", "baseline", "success", "out-of-order", "missing", "forgotten",
                "undone", "failed", "running", "missing", "pending", "above-target");
        assertEquals(expected, states(JSON.readTree(info.out())));
        for (String s : expected) {
            assertTrue(text.out().contains(s), s + " in table\n" + text.out());
        }
        Files.delete(units.resolve("V21__Pending.cypher"));
        Files.delete(units.resolve("V22__Above_target.cypher"));
        JsonNode future = JSON.readTree(run("migrate", "info", "-o", "json").out());
        assertEquals("future", future.get("units").get(future.get("units").size() - 1).get("state").asText());
        assertTrue(run("migrate", "info").out().contains("future"));
        assertEquals("undo-script", JSON.readTree(info.out()).get("units").get(6).get("rollbackKind").asText());

        CliRun filtered = run("migrate", "info", "--state", "missing,forgotten", "-o", "json");
        assertEquals(Set.of("missing", "forgotten"), new HashSet<>(states(JSON.readTree(filtered.out()))));
        assertEquals(2, run("migrate", "info", "--state", "nonsense").exitCode());
        CliRun since = run("migrate", "info", "--since", "2999-01-01", "-o", "json");
        assertEquals(0, JSON.readTree(since.out()).get("units").size());
    }

    @Test
    @DisplayName("many refused units make one short error line, and the JSON document lists every finding")
    void manyFindingsStayOnOneShortLine() throws IOException {
        file("V100__Newest.cypher", "CREATE (:Newest);");
        assertEquals(0, run("migrate", "up").exitCode());
        for (int v = 1; v <= 50; v++) {
            file("V" + v + "__Old_" + v + ".cypher", "CREATE (:Old {v: " + v + "});");
        }
        CliRun text = run("migrate", "up");
        assertEquals(ExitCode.VALIDATION.code(), text.exitCode(), text.toString());
        List<String> errorLines = text.err().lines().filter(l -> l.contains("older than the newest applied")).toList();
        assertEquals(1, errorLines.size(), text.err());
        assertTrue(errorLines.get(0).contains("and 47 more ('migrate validate' lists every one)"), errorLines.get(0));
        assertTrue(errorLines.get(0).length() < 600, errorLines.get(0));

        JsonNode doc = JSON.readTree(run("migrate", "up", "-o", "json").out());
        assertEquals(50, doc.get("findings").size());
        assertEquals(0L, neo4j.query("MATCH (o:Old) RETURN count(o)").get(0).get(0).asLong());
    }

    private void appendEntry(String version, String state, String extra) {
        neo4j.query("MATCH (r:__StatestoreHistory)-[h:HEAD]->(t) SET r.last_seq = r.last_seq + 1 "
                + "CREATE (t)-[:NEXT]->(e:__StatestoreEntry {seq: r.last_seq, version: '" + version + "', "
                + "description: 'written elsewhere', type: 'CYPHER', checksum: 'v1:elsewhere', source: 'elsewhere', "
                + "installed_by: 'another@host', installed_on: datetime(), state: '" + state + "', statements_done: 0"
                + extra + "}) DELETE h CREATE (r)-[:HEAD]->(e)");
    }

    private static List<String> states(JsonNode info) {
        List<String> out = new java.util.ArrayList<>();
        info.get("units").forEach(u -> out.add(u.get("state").asText()));
        return out;
    }
}
