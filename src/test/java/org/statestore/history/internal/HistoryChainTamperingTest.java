package org.statestore.history.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

/**
 * A chain changed behind statestore's back (someone with write access to the database) stops every command
 * that reads it with exit 6 and one line naming the defect, quickly, and nothing is applied.
 */
@DisplayName("a tampered history chain")
class HistoryChainTamperingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Per command, generous for a loaded two-core machine: a well-formed no-op run takes a fraction of it. */
    private static final long QUICK_MS = 3_000;

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    /** Units 1 and 2 applied (seq 1 and 2), unit 3 pending. */
    @BeforeEach
    void twoAppliedOnePending() throws IOException {
        neo4j.reset();
        for (int v = 1; v <= 3; v++) {
            Files.writeString(units.resolve("V" + v + "__Unit_" + v + ".cypher"), "CREATE (:Thing {n: " + v + "});");
        }
        CliRun up = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--target", "2");
        assertEquals(0, up.exitCode(), up.toString());
        assertEquals(2, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"));
    }

    private CliRun run(String... args) {
        return CliRun.run(neo4j.env(), args);
    }

    /** Runs {@code command} with this test's units and checks it stops at once with exit 6 and {@code defect}. */
    private CliRun refused(String defect, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        if (!command[1].equals("await")) {
            args.addAll(List.of("--no-bundled", "-l", units.toString()));
        }
        long started = System.nanoTime();
        CliRun run = run(args.toArray(String[]::new));
        long ms = (System.nanoTime() - started) / 1_000_000;
        String what = String.join(" ", command) + " (" + ms + " ms)\n" + run;
        assertEquals(6, run.exitCode(), what);
        assertTrue(ms < QUICK_MS, what);
        List<String> errors = run.err().lines().filter(l -> l.contains("history chain malformed")).toList();
        assertEquals(1, errors.size(), what);
        assertTrue(errors.get(0).contains("history chain malformed: " + defect + "; inspect with '"), what);
        assertFalse(run.err().contains("\tat ") || run.err().contains("internal error"), what);
        return run;
    }

    /** migrate up, validate, info and status all refuse; unit 3 is not applied and the chain is not written. */
    private void everyReadRefuses(String defect) {
        long entries = neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)");
        refused(defect, "migrate", "up");
        refused(defect, "migrate", "validate");
        refused(defect, "migrate", "info");
        refused(defect, "migrate", "status");
        assertEquals(0, neo4j.count("MATCH (t:Thing {n: 3}) RETURN count(t)"), "unit 3 was not applied");
        assertEquals(entries, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"), "nothing was recorded");
    }

    @Test
    @DisplayName("a forged second root holding a success entry for a pending unit: every command exits 6 and unit 3 stays pending")
    void forgedSecondRoot() throws IOException {
        neo4j.query("""
                CREATE (r:__StatestoreHistory {created_on: datetime(), last_seq: 1})
                       -[:NEXT]->(e:__StatestoreEntry {seq: 1, version: '3', description: 'Unit 3', type: 'CYPHER',
                                  checksum: 'v1:forged', source: 'V3__Unit_3.cypher', installed_by: 'forger',
                                  installed_on: datetime(), state: 'success', statements_done: 1}),
                       (r)-[:HEAD]->(e)""");
        String defect = "2 __StatestoreHistory roots (expected one)";

        everyReadRefuses(defect);
        CliRun named = refused(defect, "migrate", "validate");
        assertTrue(named.err().contains("'MATCH (r:__StatestoreHistory) RETURN r' and remove the forged one"), named.err());
        refused(defect, "migrate", "await", "--version", "3", "--timeout", "30s", "--interval", "100ms");
        // The commands that take the lease release it on the way out: each next one gets it at once.
        refused(defect, "migrate", "undo", "--steps", "1");
        refused(defect, "migrate", "repair");
        refused(defect, "migrate", "baseline", "--version", "1");
        refused(defect, "migrate", "up");

        for (String command : List.of("up", "validate", "info", "status")) {
            CliRun json = refused(defect, "migrate", command, "-o", "json");
            JsonNode doc = JSON.readTree(json.out());
            assertEquals(6, doc.get("exitCode").asInt(), json.toString());
            assertFalse(doc.get("ok").asBoolean(), json.toString());
            assertTrue(doc.get("error").asText().startsWith("history chain malformed: " + defect), json.toString());
        }
        assertEquals(0, neo4j.count("MATCH (t:Thing {n: 3}) RETURN count(t)"));
    }

    @Test
    @DisplayName("20 entries with doubled NEXT links (a path explosion for a variable-length match) are refused in well under a second each")
    void doubledLinks() {
        for (int i = 0; i < 20; i++) {
            neo4j.query("""
                    MATCH (r:__StatestoreHistory)-[h:HEAD]->(t)
                    SET r.last_seq = r.last_seq + 1
                    CREATE (t)-[:NEXT]->(e:__StatestoreEntry {seq: r.last_seq, version: '1', description: 'Unit 1',
                            type: 'CYPHER', checksum: 'v1:forged', source: 'forged', installed_by: 'forger',
                            installed_on: datetime(), state: 'success', statements_done: 1}),
                           (t)-[:NEXT]->(e)
                    DELETE h
                    CREATE (r)-[:HEAD]->(e)""");
        }

        everyReadRefuses("entry seq 2 has 2 outgoing NEXT relationships (expected at most one)");
    }

    @Test
    @DisplayName("an entry without installed_on is exit 6 naming the entry and the property, not an internal error")
    void missingInstalledOn() {
        neo4j.query("MATCH (e:__StatestoreEntry {seq: 1}) REMOVE e.installed_on");

        everyReadRefuses("entry seq 1 has no installed_on (expected a datetime)");
    }

    @Test
    @DisplayName("an entry of the wrong type (a state no release writes) is exit 6 too")
    void unknownState() {
        neo4j.query("MATCH (e:__StatestoreEntry {seq: 2}) SET e.state = 'applied'");

        everyReadRefuses("entry seq 2 has state 'applied' (expected one of running, success, failed, baseline, "
                + "undone, forgotten, skipped)");
    }

    @Test
    @DisplayName("a success entry for a pending unit created off the chain is refused, not ignored")
    void entryOffTheChain() {
        neo4j.query("""
                CREATE (:__StatestoreEntry {seq: 3, version: '3', description: 'Unit 3', type: 'CYPHER',
                        checksum: 'v1:forged', source: 'V3__Unit_3.cypher', installed_by: 'forger',
                        installed_on: datetime(), state: 'success', statements_done: 1})""");

        everyReadRefuses("1 __StatestoreEntry node is not on the chain from the root (seq 3)");
    }

    @Test
    @DisplayName("a gap in seq along the chain is refused")
    void seqGap() {
        neo4j.query("MATCH (r:__StatestoreHistory), (e:__StatestoreEntry {seq: 2}) SET e.seq = 3, r.last_seq = 3");

        everyReadRefuses("entry 2 of the chain has seq 3 (expected 2)");
    }

    @Test
    @DisplayName("a deleted middle entry cuts the chain: the entries after it are off the chain")
    void deletedEntry() {
        neo4j.query("MATCH (e:__StatestoreEntry {seq: 1}) DETACH DELETE e");

        everyReadRefuses("1 __StatestoreEntry node is not on the chain from the root (seq 2)");
    }

    @Test
    @DisplayName("a root whose HEAD or last_seq disagrees with the path is refused")
    void rootDisagrees() {
        neo4j.query("MATCH (r:__StatestoreHistory)-[h:HEAD]->(), (e:__StatestoreEntry {seq: 1}) DELETE h "
                + "CREATE (r)-[:HEAD]->(e)");
        everyReadRefuses("the root's HEAD points at entry seq 1, not at the newest entry seq 2");

        neo4j.query("MATCH (r:__StatestoreHistory)-[h:HEAD]->(), (e:__StatestoreEntry {seq: 2}) DELETE h "
                + "CREATE (r)-[:HEAD]->(e) SET r.last_seq = 7");
        everyReadRefuses("the root's last_seq is 7 but the chain has 2 entries");
    }

    @Test
    @DisplayName("after the tampering is undone, the same commands work again and unit 3 applies")
    void repairedByHand() {
        neo4j.query("MATCH (e:__StatestoreEntry {seq: 2}) SET e.state = 'applied'");
        refused("entry seq 2 has state 'applied' (expected one of running, success, failed, baseline, undone, "
                + "forgotten, skipped)", "migrate", "up");

        neo4j.query("MATCH (e:__StatestoreEntry {seq: 2}) SET e.state = 'success'");
        CliRun up = run("migrate", "up", "--no-bundled", "-l", units.toString());
        assertEquals(0, up.exitCode(), up.toString());
        assertEquals(1, neo4j.count("MATCH (t:Thing {n: 3}) RETURN count(t)"));
        assertEquals(3, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"));
    }
}
