package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.SessionConfig;
import org.statestore.lock.Holder;
import org.statestore.lock.LeaseSettings;
import org.statestore.lock.internal.LeaseLock;
import org.statestore.migrate.StopSignal;
import org.statestore.neo4j.Secret;
import org.statestore.neo4j.internal.EmbeddedServer;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("Init-container behaviour on the command line")
class InitContainerCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    @BeforeEach
    void emptyDatabase() throws IOException {
        neo4j.reset();
        Files.writeString(units.resolve("V1__One.cypher"), "CREATE (:Thing {n: 1});");
        Files.writeString(units.resolve("V2__Two.cypher"), "CREATE (:Thing {n: 2});");
    }

    private CliRun run(String... args) {
        return CliRun.run(neo4j.env(), args);
    }

    @Test
    @DisplayName("exit 5 when another process holds the lock past --lock-timeout, naming the holder, also as JSON")
    void lockTimeout() throws Exception {
        LeaseLock held = LeaseLock.acquire(neo4j.driver(), SessionConfig.forDatabase("neo4j"),
                Holder.thisProcess("a long migration"), LeaseSettings.DEFAULTS, line -> { });
        try {
            CliRun run = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--lock-timeout", "1500ms",
                    "--output", "json");
            assertEquals(5, run.exitCode(), run.toString());
            JsonNode doc = JSON.readTree(run.out());
            assertEquals(5, doc.get("exitCode").asInt());
            assertTrue(doc.get("error").asText().contains("held by a long migration"), doc.toString());
            assertTrue(run.err().contains("waiting for the migration lock: held by a long migration"), run.err());
            assertEquals(0, neo4j.count("MATCH (t:Thing) RETURN count(t)"));
        } finally {
            held.release();
        }
    }

    @Test
    @DisplayName("a rollout where everything is applied takes no lock: up succeeds even while the lock is held")
    void noOpTakesNoLock() throws Exception {
        assertEquals(0, run("migrate", "up", "--no-bundled", "-l", units.toString()).exitCode());
        LeaseLock held = LeaseLock.acquire(neo4j.driver(), SessionConfig.forDatabase("neo4j"),
                Holder.thisProcess("someone else"), LeaseSettings.DEFAULTS, line -> { });
        try {
            CliRun run = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--lock-timeout", "0s");
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().contains("nothing to do"), run.out());
            assertFalse(run.err().contains("waiting"), run.err());
        } finally {
            held.release();
        }
    }

    @Test
    @DisplayName("exit 6 with a JSON document when an applied unit was edited, and nothing runs")
    void editedUnitIsValidationFailure() throws Exception {
        assertEquals(0, run("migrate", "up", "--no-bundled", "-l", units.toString(), "--target", "1").exitCode());
        Files.writeString(units.resolve("V1__One.cypher"), "CREATE (:Thing {n: 100});");
        CliRun run = run("migrate", "up", "--no-bundled", "-l", units.toString(), "--output", "json");
        assertEquals(6, run.exitCode(), run.toString());
        JsonNode doc = JSON.readTree(run.out());
        assertTrue(doc.get("error").asText().contains("was changed after it was applied"), doc.toString());
        assertEquals(1, neo4j.count("MATCH (t:Thing) RETURN count(t)"));
    }

    @Test
    @DisplayName("migrate status --check exits 8 while units are pending and 0 once applied, taking no lock")
    void statusCheck() {
        CliRun pending = run("migrate", "status", "--check", "--no-bundled", "-l", units.toString());
        assertEquals(8, pending.exitCode(), pending.toString());
        assertTrue(pending.out().contains("2 pending (1, 2)"), pending.out());
        assertEquals(0, neo4j.count("MATCH (n) RETURN count(n)"), "status writes nothing");
        run("migrate", "up", "--no-bundled", "-l", units.toString());
        CliRun done = run("migrate", "status", "--check", "--no-bundled", "-l", units.toString(), "-o", "json");
        assertEquals(0, done.exitCode(), done.toString());
        assertTrue(done.out().contains("\"current\" : \"2\""), done.out());
    }

    @Test
    @DisplayName("migrate await returns once another process applies the version, and exits 8 on timeout")
    void await() throws Exception {
        CliRun timedOut = run("migrate", "await", "--version", "2", "--timeout", "1s", "--interval", "200ms");
        assertEquals(8, timedOut.exitCode(), timedOut.toString());

        CompletableFuture<CliRun> waiting = CompletableFuture.supplyAsync(
                () -> run("migrate", "await", "--version", "2", "--timeout", "60s", "--interval", "200ms"));
        Thread.sleep(1000);
        assertFalse(waiting.isDone());
        assertEquals(0, run("migrate", "up", "--no-bundled", "-l", units.toString()).exitCode());
        CliRun reached = waiting.get(60, TimeUnit.SECONDS);
        assertEquals(0, reached.exitCode(), reached.toString());
        assertTrue(reached.out().contains("database is at version 2"), reached.out());
    }

    @Test
    @DisplayName("writes log lines as JSON lines when asked (as when stderr is not a terminal)")
    void jsonLogs() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0]), neo4j.env(), true, new StopSignal());
        int code = new Main(console).run("migrate", "up", "--no-bundled", "-l", units.toString());
        assertEquals(0, code, err.toString());
        assertTrue(err.toString().lines().count() >= 3, err.toString());
        for (String line : err.toString().lines().toList()) {
            JsonNode entry = JSON.readTree(line);
            assertTrue(entry.hasNonNull("time") && entry.hasNonNull("message"), line);
            assertEquals("info", entry.get("level").asText(), line);
        }

        Files.writeString(units.resolve("V0_0_1__Broken.cypher"), "THIS IS NOT CYPHER;");
        StringWriter failedErr = new StringWriter();
        Console failing = new Console(new PrintWriter(new StringWriter(), true), new PrintWriter(failedErr, true),
                new ByteArrayInputStream(new byte[0]), neo4j.env(), true, new StopSignal());
        assertEquals(ExitCode.VALIDATION.code(), new Main(failing).run("migrate", "up", "--no-bundled", "-l",
                units.toString()), failedErr.toString());
        List<JsonNode> errors = new java.util.ArrayList<>();
        for (String line : failedErr.toString().lines().toList()) {
            JsonNode entry = JSON.readTree(line);
            if (entry.get("level").asText().equals("error")) {
                errors.add(entry);
            }
        }
        assertEquals(1, errors.size(), failedErr.toString());
        assertTrue(errors.get(0).get("message").asText().contains("0.0.1"), failedErr.toString());
        assertTrue(Main.jsonLogs(Map.of("STATESTORE_LOG_FORMAT", "json")));
        assertFalse(Main.jsonLogs(Map.of("STATESTORE_LOG_FORMAT", "text")));
    }

    @Test
    @DisplayName("accepts durations as 500ms, 3s, 5m, 1h and PT3S, and rejects others with exit 2")
    void durations() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(3), DurationConverter.parse("3s"));
        assertEquals(Duration.ofMinutes(5), DurationConverter.parse("5m"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
        assertEquals(Duration.ofSeconds(3), DurationConverter.parse("PT3S"));
        CliRun bad = run("migrate", "up", "--lock-timeout", "soon");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertEquals(1, bad.err().lines().count(), bad.toString());
        CliRun badTtl = run("migrate", "up", "--lock-ttl", "10s", "--heartbeat", "9s");
        assertEquals(2, badTtl.exitCode(), badTtl.toString());
    }

    @Test
    @DisplayName("migrate up started 10 s before the database is reachable waits for it and succeeds")
    void waitsForTheDatabase(@TempDir Path dataDir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new HashMap<>();
        env.put("NEO4J_URL", "bolt://127.0.0.1:" + port);
        env.put("NEO4J_USER", "neo4j");
        env.put("NEO4J_PASS", "");
        CompletableFuture<CliRun> up = CompletableFuture.supplyAsync(() -> CliRun.run(env, "migrate", "up",
                "--no-bundled", "-l", units.toString(), "--wait-for-db", "90s"));
        Thread.sleep(10_000);
        assertFalse(up.isDone(), "still waiting");
        try (EmbeddedServer server = EmbeddedServer.start(new EmbeddedServer.Options(dataDir, "127.0.0.1", port,
                Secret.of(""), 32L * 1024 * 1024))) {
            CliRun run = up.get(120, TimeUnit.SECONDS);
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.err().contains("database not reachable yet (attempt 1)"), run.err());
            assertTrue(run.out().contains("database is at version 2"), run.out());
        }
    }
}
