package org.statestore.alchemiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.history.internal.HistoryChain;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("V0_4_0 AddNetworkMark killed with SIGKILL mid-way")
class NetworkMarkCrashTest {

    private static final int NETWORKS = 3_000;
    private static final int BATCH = 25;

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path logs;

    private List<String> chain() {
        return new HistoryChain(neo4j.driver(), org.neo4j.driver.SessionConfig.forDatabase("neo4j")).read().stream()
                .map(e -> e.version() + ":" + e.state().label()).toList();
    }

    /** Everything but statestore's history: labels and relationship types with their counts. */
    private Map<String, Long> counts() {
        Map<String, Long> g = new TreeMap<>();
        neo4j.query("MATCH (n) WHERE NOT " + StoreSurvey.STATESTORE_NODE + " UNWIND labels(n) AS l "
                + "RETURN l, count(*) AS c").forEach(r -> g.put("label " + r.get("l").asString(), r.get("c").asLong()));
        neo4j.query("MATCH (a)-[r]->() WHERE NOT a:__StatestoreHistory AND NOT a:__StatestoreEntry "
                        + "RETURN type(r) AS t, count(*) AS c")
                .forEach(r -> g.put("type " + r.get("t").asString(), r.get("c").asLong()));
        return g;
    }

    @Test
    @DisplayName("a rerun after kill -9 ends with the same graph as an uninterrupted run, with no duplicate mark")
    void killAndRerun() throws Exception {
        neo4j.reset();
        V03Stores.seed(neo4j, NETWORKS);
        assertEquals(0, CliRun.run(neo4j.env(), "migrate", "up").exitCode());
        Map<String, Long> uninterruptedCounts = counts();
        Map<String, List<Map<String, Object>>> uninterruptedMarks = V03Stores.marks(neo4j);
        // Back to the v0.3 shape without seeding again: drop the marks and statestore's history.
        neo4j.query("MATCH (n) WHERE n:NetworkMark OR " + StoreSurvey.STATESTORE_NODE + " DETACH DELETE n");
        assertEquals(NETWORKS, neo4j.count("MATCH (n:AlchemicalNetwork) WHERE NOT EXISTS { (n)<-[:MARKS]-() } "
                + "RETURN count(n)"));

        Process process = startMigrateUp();
        long marksWhenKilled;
        try {
            marksWhenKilled = awaitSomeMarks(process);
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
        long marksAfterKill = neo4j.count("MATCH (m:NetworkMark) RETURN count(m)");
        assertTrue(marksWhenKilled > 0 && marksAfterKill < NETWORKS,
                () -> "not interrupted mid-way: " + marksAfterKill + " marks\n" + output());
        assertEquals(0, marksAfterKill % BATCH, "every batch commits whole or not at all");
        assertEquals(List.of("0.3.0:baseline", "0.4.0:running"), chain());

        CliRun rerun = CliRun.run(neo4j.env(), "migrate", "up");

        assertEquals(0, rerun.exitCode(), rerun::toString);
        assertTrue(rerun.err().contains("NetworkMark: " + (NETWORKS - marksAfterKill) + " networks without a mark"),
                rerun::toString);
        // The rerun waited for the killed holder's lease to expire, then resumed its entry in place.
        assertEquals(List.of("0.3.0:baseline", "0.4.0:success", "0.7.0:success", "0.7.1:success"), chain());
        assertEquals(1, neo4j.count("MATCH (e:__StatestoreEntry {version: '0.4.0'}) RETURN e.resume_count"));
        assertEquals(0, neo4j.count("MATCH (n:AlchemicalNetwork) WHERE COUNT { (n)<-[:MARKS]-() } <> 1 RETURN count(n)"));
        assertEquals(uninterruptedCounts, counts());
        assertTrue(uninterruptedMarks.equals(V03Stores.marks(neo4j)), "marks differ from the uninterrupted run's");
    }

    private Process startMigrateUp() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "org.statestore.cli.Main", "migrate", "up", "--lock-ttl", "4s", "--heartbeat", "1s")
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("migrate-up.log").toFile());
        builder.environment().putAll(neo4j.env());
        builder.environment().put(V0_4_0__AddNetworkMark.BATCH_ENV, String.valueOf(BATCH));
        return builder.start();
    }

    /** Polls until the other process has committed some marks; fails if it ends or stalls first. */
    private long awaitSomeMarks(Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            long marks = neo4j.count("MATCH (m:NetworkMark) RETURN count(m)");
            if (marks > 0) {
                return marks;
            }
            if (!process.isAlive()) {
                throw new AssertionError("migrate up ended before any mark was written:\n" + output());
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no mark written within 2 minutes:\n" + output());
    }

    private String output() {
        try {
            return Files.readString(logs.resolve("migrate-up.log"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
