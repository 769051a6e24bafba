package org.statestore.upgrade.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.statestore.neo4j.internal.EmbeddedServer;
import org.statestore.neo4j.internal.Neo4jAdmin;
import org.statestore.testing.CliRun;
import org.statestore.testing.Neo4jServerProcess;
import org.statestore.testing.SharedFixtures;
import org.statestore.testing.TestedServers;

/**
 * The manual's v0.3 to v0.4 path in statestore terms: an empty Neo4j 5.18.1 (the version the manual names, in its own
 * JVM) is started, and {@code upgrade store --into} lands a copy of the shared 4.4 fixture in it. One server for the
 * class, emptied before each test; the two upgrades are the class's cost (about 40 s each), the refusals take seconds.
 * The Neo4j 5 dump the second upgrade writes pins what the README says of {@code --to-dump}.
 */
@DisplayName("upgrade store --into a running Neo4j 5.18.1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIntoServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The class's own directory: the dump's copy, the data directory kept, the dumps and homes of the loads. */
    private Path work;
    private Neo4jServerProcess server;
    private Path dump;
    private String dumpSha;
    /** Written by {@link #intoForV07()}, read by {@link #toDumpLoadsFrom526Only()}. */
    private Path neo4j5Dump;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        work = Files.createDirectories(dir.resolve("work"));
        server = Neo4jServerProcess.start(TestedServers.MANUAL, dir.resolve("neo4j-" + TestedServers.MANUAL), Map.of());
        dump = Files.copy(SharedFixtures.fixture("alchemiscale-v0.3-neo4j-4.4.dump"), work.resolve("neo4j-44.dump"));
        dumpSha = sha256(dump);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyServer() {
        server.wipe();
    }

    /** The server's credentials as an operator sets them, and no NEO4J_URL: --into alone names the server. */
    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(server.env());
        env.remove("NEO4J_URL");
        return env;
    }

    private CliRun upgrade(String... args) {
        List<String> all = new ArrayList<>(List.of("upgrade", "store", "--from-dump", dump.toString(),
                "--into", server.boltUrl()));
        all.addAll(List.of(args));
        return CliRun.run(env(), all.toArray(String[]::new));
    }

    private Session session() {
        return server.driver().session(SessionConfig.forDatabase("neo4j"));
    }

    @Test
    @Order(1)
    @DisplayName("a server that holds data is refused with exit 11 right after connecting: nothing is written there, "
            + "no data directory or scratch directory is left, and credential flags without --into are a usage error")
    void refusesAServerHoldingData() throws Exception {
        try (Session s = session()) {
            s.run("CREATE (:Thing {id: 1})").consume();
        }
        Set<Path> scratchBefore = scratchDirectories();
        Path dir = work.resolve("refused");

        CliRun json = upgrade("--output", "json");
        assertEquals(11, json.exitCode(), json.toString());
        assertEquals(11, JSON.readTree(json.out()).get("exitCode").asInt());
        CliRun text = upgrade("--data-dir", dir.toString());
        assertEquals(11, text.exitCode(), text.toString());
        String error = text.err().lines().filter(l -> l.startsWith("statestore: upgrade failed")).findFirst().orElse("");
        assertTrue(error.startsWith("statestore: upgrade failed at step check target: " + server.boltUrl() + " (Neo4j "
                + TestedServers.MANUAL + " community, database neo4j): database neo4j is not empty (1 nodes, 0 "
                + "constraints, 0 indexes); --into needs an empty database"), text.toString());
        assertTrue(error.endsWith("nothing was written (the dump " + dump + " was not changed)"), error);
        assertFalse(text.err().contains("step: load dump"), "the dump was never loaded: " + text);
        assertFalse(text.err().contains("\tat "), text.toString());

        try (Session s = session()) {
            assertEquals(1, UpgradedFixture.count(s, "MATCH (n) RETURN count(n)"), "nothing was written there");
            assertEquals(0, UpgradedFixture.count(s, "SHOW CONSTRAINTS YIELD name RETURN count(*)"));
        }
        assertFalse(Files.exists(dir), "no data directory");
        assertEquals(scratchBefore, scratchDirectories(), "no scratch directory");
        assertEquals(dumpSha, sha256(dump));

        CliRun noInto = CliRun.run(env(), "upgrade", "store", "--from-dump", dump.toString(), "--data-dir",
                dir.toString(), "--user", "neo4j");
        assertEquals(2, noInto.exitCode(), noInto.toString());
        assertTrue(noInto.err().contains("are for the --into server: give --into URL"), noInto.toString());
    }

    @Test
    @Order(2)
    @DisplayName("--target 0.4.0 --into an empty 5.18.1, built in a scratch directory: the README's counts, marks by "
            + "the formula, identities, times still LocalDateTime, database check, and the history 0.3.0 baseline, "
            + "0.4.0 there; the scratch directory is gone")
    void intoForV04() throws Exception {
        Set<Path> scratchBefore = scratchDirectories();
        CliRun run = upgrade("--target", "0.4.0", "--output", "json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals("0.4.0", doc.get("version").asText());
        assertTrue(doc.get("dataDir").isNull(), run.out());
        assertTrue(doc.get("toDump").isNull(), run.out());
        assertEquals(TestedServers.MANUAL, doc.at("/into/serverVersion").asText());
        assertEquals("0.4.0", doc.at("/into/version").asText());
        assertEquals(4, doc.at("/into/counts/constraints").asInt());
        assertEquals("v0.4.x to v0.6.x", doc.at("/alchemiscale/serves").asText());
        assertEquals(scratchBefore, scratchDirectories(), "the scratch directory was deleted");
        assertEquals(dumpSha, sha256(dump), "the operator's dump is never changed");

        try (Session s = session()) {
            UpgradedFixture.assertCounts(s);
            UpgradedFixture.assertMarks(s);
            UpgradedFixture.assertIdentities(s);
            assertEquals(79, UpgradedFixture.count(s, "MATCH (t:Task) WHERE t.datetime_created IS :: LOCAL DATETIME "
                    + "NOT NULL RETURN count(t)"));
            assertEquals(24, UpgradedFixture.count(s, "MATCH ()-[c:CLAIMS]->() WHERE c.claimed IS :: LOCAL DATETIME "
                    + "NOT NULL RETURN count(c)"));
            assertEquals(List.of("0.3.0:baseline", "0.4.0:success"), UpgradedFixture.history(s));
            assertEquals(0, UpgradedFixture.count(s, "MATCH (n:__StatestoreLock) RETURN count(n)"), "no lease node");
        }
        assertCheckedThere(Map.of("0.3.0", "baseline", "0.4.0", "success", "0.7.0", "pending"));
    }

    @Test
    @Order(3)
    @DisplayName("--into an empty 5.18.1 without --target, keeping --data-dir and writing --to-dump: times zoned, the "
            + "README's counts, identities, database check and the whole history there; the text names what the dump "
            + "loads into")
    void intoForV07() throws Exception {
        Path dir = work.resolve("store-v07");
        Path file = work.resolve("neo4j-5.dump");
        CliRun run = upgrade("--data-dir", dir.toString(), "--to-dump", file.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("upgraded " + dump + " into " + server.boltUrl() + " (Neo4j " + TestedServers.MANUAL
                + " community, database neo4j) at version 0.7.1"), run.out());
        assertTrue(run.out().contains("wrote " + file + " with the embedded Neo4j " + EmbeddedServer.neo4jVersion()
                + ": it loads into Neo4j 5.26 or newer (neo4j-admin database load); older 5.x servers refuse it, use "
                + "--into URL for them"), run.out());
        assertTrue(run.out().contains("the store built on the way is kept in " + dir), run.out());
        assertTrue(Files.isRegularFile(file));
        assertFalse(Files.exists(dir.resolve(StoreUpgrade.INCOMPLETE_MARKER)));
        assertFalse(Files.exists(dir.resolve(StoreUpgrade.BACKUP_DIR)), "the backup restored is deleted");
        neo4j5Dump = file;

        try (Session s = session()) {
            UpgradedFixture.assertCounts(s);
            UpgradedFixture.assertMarks(s);
            UpgradedFixture.assertIdentities(s);
            assertEquals(0, UpgradedFixture.count(s, "MATCH (t:Task) WHERE t.datetime_created IS :: LOCAL DATETIME "
                    + "RETURN count(t)"));
            assertEquals(79, UpgradedFixture.count(s, "MATCH (t:Task) WHERE t.datetime_created IS :: ZONED DATETIME "
                    + "NOT NULL RETURN count(t)"));
            assertEquals(2, UpgradedFixture.count(s, "MATCH (c:ComputeServiceRegistration) WHERE c.heartbeat IS :: "
                    + "ZONED DATETIME NOT NULL AND c.failure_times = [] RETURN count(c)"));
            assertEquals(List.of("0.3.0:baseline", "0.4.0:success", "0.7.0:success", "0.7.1:success"),
                    UpgradedFixture.history(s));
        }
        assertCheckedThere(Map.of("0.3.0", "baseline", "0.4.0", "success", "0.7.0", "success", "0.7.1", "success"));
        CliRun check = CliRun.run(Map.of(), "database", "check", "--data-dir", dir.toString());
        assertEquals(0, check.exitCode(), "the kept store is complete too: " + check);
    }

    @Test
    @Order(4)
    @DisplayName("the --to-dump file loads with Neo4j 5.26's neo4j-admin; 5.18.1's refuses it with 'Unknown "
            + "serialization format version' (why --into exists)")
    void toDumpLoadsFrom526Only() throws Exception {
        assertNotNull(neo4j5Dump, "the upgrade with --to-dump ran first");
        Path from = Files.createDirectories(work.resolve("load-from"));
        Files.copy(neo4j5Dump, from.resolve("neo4j.dump"));

        Neo4jAdmin.Run loaded = new Neo4jAdmin(work.resolve("home-526")).run("database", "load",
                "--from-path=" + from, "--overwrite-destination=true", "neo4j");
        assertEquals(0, loaded.code(), loaded.out() + loaded.err());
        Neo4jAdmin.Run info = new Neo4jAdmin(work.resolve("home-526")).run("database", "info", "neo4j");
        assertEquals(0, info.code(), info.out() + info.err());

        Neo4jServerProcess.AdminRun refused = Neo4jServerProcess.admin(TestedServers.MANUAL, work.resolve("home-518"),
                "database", "load", "--from-path=" + from, "--overwrite-destination=true", "neo4j");
        assertNotEquals(0, refused.exitCode(), refused.output());
        // 5.18.1 prints: Failed to load database 'neo4j': java.lang.IllegalArgumentException: Unknown serialization
        // format version: 0
        assertTrue(refused.output().contains("Failed to load database 'neo4j'")
                && refused.output().contains("Unknown serialization format version"), refused.output());
    }

    /** {@code database check} passes on the server, and {@code migrate info} there shows {@code states}. */
    private void assertCheckedThere(Map<String, String> states) throws IOException {
        CliRun check = CliRun.run(server.env(), "database", "check");
        assertEquals(0, check.exitCode(), check.toString());
        CliRun info = CliRun.run(server.env(), "migrate", "info", "--output", "json");
        assertEquals(0, info.exitCode(), info.toString());
        Map<String, String> found = new HashMap<>();
        JSON.readTree(info.out()).get("units").forEach(u -> found.put(u.get("version").asText(), u.get("state").asText()));
        states.forEach((version, state) -> assertEquals(state, found.get(version), version + " in " + found));
    }

    /** The upgrade's scratch directories under the system's temporary directory. */
    private static Set<Path> scratchDirectories() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith(StoreUpgrade.SCRATCH_PREFIX))
                    .collect(Collectors.toSet());
        }
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
