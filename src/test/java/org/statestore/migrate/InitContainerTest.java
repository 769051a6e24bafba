package org.statestore.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.statestore.testing.CliRun;
import org.statestore.testing.StatestoreProcess;
import org.statestore.testing.TestNeo4j;

/** {@code migrate up} as N replicas' init containers run it: separate JVMs at once, killed and signalled. */
@DisplayName("migrate up in separate processes")
class InitContainerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROCESSES = Integer.getInteger("statestore.test.processes", 16);
    /** Rounds of the 16-process race: 4 in the default suite, 10 or more in the soak ({@code mvn verify -Psoak}). */
    private static final int ROUNDS = Integer.getInteger("statestore.test.rounds", 4);

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path work;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private Path units(int count) throws IOException {
        Path dir = Files.createDirectories(work.resolve("units"));
        for (int i = 1; i <= count; i++) {
            Files.writeString(dir.resolve("V" + i + "__Unit_" + i + ".cypher"),
                    "MERGE (c:Counter {unit: " + i + "}) ON CREATE SET c.runs = 1 ON MATCH SET c.runs = c.runs + 1;");
        }
        return dir;
    }

    private List<String> chainSignature() {
        return neo4j.query("MATCH (:__StatestoreHistory)-[:NEXT*]->(e:__StatestoreEntry) "
                + "RETURN e.seq AS seq, e.version AS v, e.state AS s, e.checksum AS c ORDER BY e.seq").stream()
                .map((Record r) -> r.get("seq").asLong() + ":" + r.get("v").asString() + ":" + r.get("s").asString()
                        + ":" + r.get("c").asString())
                .toList();
    }

    @Test
    @DisplayName("16 JVMs at once over 20 units, 10 rounds: each unit recorded once, all exit 0, the chain equals a single run's, no constraint added")
    void manyProcessesAtOnce() throws Exception {
        Path units = units(20);
        neo4j.reset();
        StatestoreProcess single = StatestoreProcess.start(work.resolve("single"), neo4j.env(), "migrate", "up",
                "--no-bundled", "-l", units.toString());
        assertEquals(0, single.exitCode(120), single.err());
        List<String> expected = chainSignature();
        assertEquals(20, expected.size());

        for (int round = 1; round <= ROUNDS; round++) {
            neo4j.reset();
            List<StatestoreProcess> processes = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                processes.add(StatestoreProcess.start(work.resolve("r" + round + "p" + p), neo4j.env(), "migrate",
                        "up", "--no-bundled", "-l", units.toString(), "--lock-timeout", "5m"));
            }
            for (StatestoreProcess p : processes) {
                assertEquals(0, p.exitCode(600), "round " + round + ": " + p.err());
            }
            assertEquals(expected, chainSignature(), "round " + round);
            assertEquals(20, neo4j.count("MATCH (c:Counter) WHERE c.runs = 1 RETURN count(c)"), "each unit ran once");
            assertEquals(List.of(), neo4j.constraintNames());
            assertEquals(0, neo4j.count("MATCH (l:__StatestoreLock) WHERE l.holder_id IS NOT NULL RETURN count(l)"),
                    "every holder released the lease");
        }
    }

    @Test
    @DisplayName("kill -9 mid-unit: a second process waits for the lease to expire, resumes at the next statement, and ends with the graph of an uninterrupted run")
    void killAndResume() throws Exception {
        Path units = Files.createDirectories(work.resolve("long"));
        StringBuilder script = new StringBuilder();
        int steps = 40;
        for (int i = 1; i <= steps; i++) {
            // Each statement is a little slow and idempotent, and its own auto-commit transaction.
            script.append("UNWIND range(1, 300) AS j CALL { WITH j MERGE (s:Step {n: ").append(i)
                    .append(", j: j}) } IN TRANSACTIONS OF 100 ROWS;\n");
        }
        Files.writeString(units.resolve("V1__Long.cypher"), script);
        Map<String, String> env = neo4j.env();

        StatestoreProcess victim = StatestoreProcess.start(work.resolve("victim"), env, "migrate", "up", "--no-bundled",
                "-l", units.toString(), "--lock-ttl", "15s", "--heartbeat", "3s");
        long deadline = System.currentTimeMillis() + 120_000;
        while (neo4j.count("MATCH (e:__StatestoreEntry) RETURN coalesce(max(e.statements_done), 0)") < 3) {
            assertTrue(System.currentTimeMillis() < deadline, "victim made no progress: " + victim.err());
            Thread.sleep(50);
        }
        victim.signal("KILL");
        victim.exitCode(30);
        long doneAtKill = neo4j.count("MATCH (e:__StatestoreEntry) RETURN e.statements_done");
        assertTrue(doneAtKill < steps, "killed before the end");
        assertEquals("running", neo4j.query("MATCH (e:__StatestoreEntry) RETURN e.state").get(0).get(0).asString());

        StatestoreProcess survivor = StatestoreProcess.start(work.resolve("survivor"), env, "migrate", "up",
                "--no-bundled", "-l", units.toString(), "--lock-timeout", "60s");
        assertEquals(0, survivor.exitCode(300), survivor.err());
        assertTrue(survivor.err().contains("waiting for the migration lock"), survivor.err());
        assertTrue(survivor.err().contains("resuming 1 Long at statement"), survivor.err());

        assertEquals(steps * 300L, neo4j.count("MATCH (s:Step) RETURN count(s)"));
        assertEquals(steps * 300L, neo4j.count("MATCH (s:Step) RETURN count(DISTINCT [s.n, s.j])"));
        List<Record> entry = neo4j.query("MATCH (e:__StatestoreEntry) RETURN e.state AS s, e.statements_done AS d, "
                + "e.resume_count AS r");
        assertEquals(1, entry.size(), "one entry: the resumed run continued it");
        assertEquals("success", entry.get(0).get("s").asString());
        assertEquals(steps, entry.get(0).get("d").asInt());
        assertEquals(1, entry.get(0).get("r").asInt());
    }

    @Test
    @DisplayName("kill -9 inside a single-transaction unit: while it runs info shows it running with the lease's holder, "
            + "the kill leaves no history entry, and the next process simply applies it")
    void killSingleTransactionUnit() throws Exception {
        Path units = Files.createDirectories(work.resolve("single"));
        // The unit's first statement waits for the gate, which the test holds locked until the victim is dead.
        Files.writeString(units.resolve("V1__Gated.cypher"), "MATCH (g:Gate) SET g.passed = true;\nCREATE (:Made);");
        neo4j.query("CREATE (:Gate)");
        Map<String, String> env = neo4j.env();
        try (Session gateSession = neo4j.driver().session(); Transaction gate = gateSession.beginTransaction()) {
            gate.run("MATCH (g:Gate) SET g.closed = true").consume();
            StatestoreProcess victim = StatestoreProcess.start(work.resolve("victim"), env, "migrate", "up",
                    "--no-bundled", "-l", units.toString(), "--lock-ttl", "15s", "--heartbeat", "3s");
            JsonNode unit = null;
            long deadline = System.currentTimeMillis() + 120_000;
            while (unit == null || !unit.get("state").asText().equals("running")) {
                assertTrue(System.currentTimeMillis() < deadline, "info never showed the unit running: " + victim.err());
                Thread.sleep(100);
                CliRun info = CliRun.run(env, "migrate", "info", "--no-bundled", "-l", units.toString(), "-o", "json");
                unit = JSON.readTree(info.out()).get("units").get(0);
            }
            assertTrue(unit.get("runningHolder").asText().startsWith("migrate up on "), unit.toString());
            assertTrue(unit.get("runningHolder").asText().endsWith("(pid " + victim.pid() + ")"), unit.toString());
            assertEquals(0, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"), "nothing written before");
            victim.signal("KILL");
            victim.exitCode(30);
            gate.rollback();
        }
        assertEquals(0, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"), "the kill left no entry");
        assertEquals(0, neo4j.count("MATCH (m:Made) RETURN count(m)"));

        StatestoreProcess survivor = StatestoreProcess.start(work.resolve("survivor"), env, "migrate", "up",
                "--no-bundled", "-l", units.toString(), "--lock-timeout", "60s");
        assertEquals(0, survivor.exitCode(300), survivor.err());
        assertTrue(survivor.err().contains("waiting for the migration lock"), survivor.err());
        assertTrue(survivor.err().contains("applying 1 Gated (new)"), survivor.err());
        List<Record> entry = neo4j.query("MATCH (e:__StatestoreEntry) RETURN e.state AS s, e.statements_done AS d");
        assertEquals(1, entry.size());
        assertEquals("success", entry.get(0).get("s").asString());
        assertEquals(2, entry.get(0).get("d").asInt());
        assertEquals(1, neo4j.count("MATCH (m:Made) RETURN count(m)"));
    }

    @Test
    @DisplayName("SIGTERM during a unit: exit 143, state recorded, lease released so the next run starts at once")
    void sigterm() throws Exception {
        sigtermOrSigint("TERM", 143);
    }

    @Test
    @DisplayName("SIGINT during a unit: exit 130")
    void sigint() throws Exception {
        sigtermOrSigint("INT", 130);
    }

    private void sigtermOrSigint(String signal, int expectedExit) throws Exception {
        Path units = Files.createDirectories(work.resolve("slow"));
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            // Cheap statements, so the resumed run finishes fast; the signal lands between two of them.
            script.append("UNWIND range(1, 50) AS j CALL { WITH j CREATE (:Step {n: ").append(i)
                    .append(", j: j}) } IN TRANSACTIONS OF 100 ROWS;\n");
        }
        Files.writeString(units.resolve("V1__Slow.cypher"), script);
        StatestoreProcess p = StatestoreProcess.start(work.resolve("sig"), neo4j.env(), "migrate", "up", "--no-bundled",
                "-l", units.toString(), "--output", "json");
        long deadline = System.currentTimeMillis() + 120_000;
        while (neo4j.count("MATCH (e:__StatestoreEntry) RETURN coalesce(max(e.statements_done), 0)") < 2) {
            assertTrue(System.currentTimeMillis() < deadline, "no progress: " + p.err());
            Thread.sleep(50);
        }
        p.signal(signal);
        assertEquals(expectedExit, p.exitCode(60), p.err());
        assertTrue(p.out().contains("\"exitCode\" : " + expectedExit), "the JSON says what the process exits: " + p.out());
        assertTrue(p.err().contains("stopped 1 after"), p.err());
        List<Record> entry = neo4j.query("MATCH (e:__StatestoreEntry) RETURN e.state AS s, e.statements_done AS d");
        assertEquals("running", entry.get(0).get("s").asString(), "interrupted runs stay running, to be resumed");
        assertTrue(entry.get(0).get("d").asInt() >= 2);
        assertEquals(0, neo4j.count("MATCH (l:__StatestoreLock) WHERE l.holder_id IS NOT NULL RETURN count(l)"),
                "lease released");

        long start = System.nanoTime();
        StatestoreProcess next = StatestoreProcess.start(work.resolve("next"), neo4j.env(), "migrate", "up",
                "--no-bundled", "-l", units.toString(), "--lock-timeout", "0s");
        assertEquals(0, next.exitCode(300), next.err());
        assertTrue(next.err().contains("resuming 1 Slow"), next.err());
        assertTrue((System.nanoTime() - start) / 1_000_000_000 < 200);
        assertEquals(300L * 50, neo4j.count("MATCH (s:Step) RETURN count(s)"), "no statement ran twice");
    }
}
