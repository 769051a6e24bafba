package org.statestore.upgrade.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;
import org.statestore.neo4j.internal.EmbeddedServer;
import org.statestore.neo4j.internal.Neo4jAdmin;
import org.statestore.testing.CliRun;
import org.statestore.testing.SharedFixtures;
import org.statestore.testing.StatestoreProcess;

/** The manual's "v0.3 to v0.4" upgrade on the genuine Neo4j 4.4 dump in ../shared/fixtures (see {@link SharedFixtures}). */
@DisplayName("upgrade store / upgrade check on a genuine Neo4j 4.4 dump of an alchemiscale v0.3 store")
class UpgradeStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static Path dump;
    static String dumpSha;

    @BeforeAll
    static void copyFixture() throws Exception {
        dump = work.resolve("neo4j-2024-01-01.dump");
        Files.copy(SharedFixtures.fixture("alchemiscale-v0.3-neo4j-4.4.dump"), dump);
        dumpSha = sha256(dump);
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    @DisplayName("upgrade check reports the v0.3 shape, 12 unmarked networks, 5 BTREE indexes and the LocalDateTime counts, changing nothing")
    void check() throws Exception {
        CliRun run = CliRun.run(Map.of(), "upgrade", "check", "--from-dump", dump.toString(), "--output", "json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode r = JSON.readTree(run.out());
        assertEquals("alchemiscale v0.3 shape", r.get("shape").asText());
        assertEquals(12, r.get("networksWithoutMark").asInt());
        assertEquals(5, r.get("btreeIndexesToConvert").asInt());
        assertEquals(5, r.get("identities").asInt());
        JsonNode times = r.get("localDateTimesToConvert");
        assertEquals(2, times.get("ComputeServiceRegistration.heartbeat").asInt());
        assertEquals(2, times.get("ComputeServiceRegistration.registered").asInt());
        assertEquals(24, times.get("CLAIMS.claimed").asInt());
        assertEquals(79, times.get("Task.datetime_created").asInt());
        assertTrue(r.get("next").asText().startsWith("statestore upgrade store --from-dump"));
        assertEquals("statestore upgrade store --from-dump " + dump + " --into bolt://HOST:7687",
                r.at("/ways/into").asText(), "the way into a running Neo4j 5 of any version");
        assertEquals("5.26 or newer", r.at("/ways/dumpLoadsIntoNeo4j").asText());
        assertEquals(dumpSha, sha256(dump));
    }

    @Test
    @DisplayName("upgrade store gives a checked Neo4j 5 store: marks by the reference formula, identities verify, four RANGE-backed constraints, UTC times, README counts")
    void store() throws Exception {
        Path dir = work.resolve("store");
        Path toDump = work.resolve("neo4j-5.dump");
        CliRun run = CliRun.run(Map.of(), "upgrade", "store", "--from-dump", dump.toString(), "--data-dir", dir.toString(),
                "--to-dump", toDump.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("database check and doctor passed"), run.out());
        assertFalse(Files.exists(dir.resolve(StoreUpgrade.INCOMPLETE_MARKER)));
        assertEquals(dumpSha, sha256(dump), "the operator's dump is never changed");

        CliRun check = CliRun.run(Map.of(), "database", "check", "--data-dir", dir.toString());
        assertEquals(0, check.exitCode(), check.toString());

        try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Options.privateStore(dir));
             Driver driver = GraphDatabase.driver(server.boltUrl(), AuthTokens.none(),
                     Config.builder().withLogging(Logging.none()).build());
             Session s = driver.session()) {
            UpgradedFixture.assertMarks(s);
            UpgradedFixture.assertIdentities(s);
            List<String> constraints = s.run("SHOW CONSTRAINTS YIELD name, ownedIndex RETURN name ORDER BY name")
                    .list(x -> x.get(0).asString());
            assertEquals(List.of("compute_identifier", "compute_service_registration_identifier", "scoped_key",
                    "user_identifier"), constraints);
            assertEquals(5, s.run("SHOW INDEXES YIELD name, type WHERE type = 'RANGE' AND name IN ['compute_identifier', "
                    + "'compute_service_registration_identifier', 'scoped_key', 'user_identifier', 'task_status'] "
                    + "RETURN count(*)").single().get(0).asLong());
            assertEquals(0, s.run("MATCH (t:Task) WHERE t.datetime_created IS :: LOCAL DATETIME RETURN count(t)")
                    .single().get(0).asLong());
            assertEquals(0, s.run("MATCH ()-[c:CLAIMS]->() WHERE c.claimed IS :: LOCAL DATETIME RETURN count(c)")
                    .single().get(0).asLong());
            assertEquals(0, s.run("MATCH (c:ComputeServiceRegistration) WHERE c.heartbeat IS :: LOCAL DATETIME "
                    + "OR c.registered IS :: LOCAL DATETIME RETURN count(c)").single().get(0).asLong());
            var reg = s.run("MATCH (c:ComputeServiceRegistration {identifier: 'compute-svc-bb1ad57319b89cd868fb0e6f684df992'}) "
                    + "RETURN c.registered AS r").single().get("r").asZonedDateTime();
            assertEquals(LocalDateTime.parse("2023-06-01T09:15:04.064254").atOffset(ZoneOffset.UTC).toInstant(),
                    reg.toInstant(), "the converted value is the original read as UTC");
            List<String> registrations = List.of("compute-svc-bb1ad57319b89cd868fb0e6f684df992",
                    "compute-svc-f7bed9d4b5f308680190e5722719b812");
            try (var tx = s.beginTransaction()) {
                assertEquals(List.of(0L, 0L), tx.run(V072_CLAIM_CHECK, Map.of("compute_service_ids", registrations,
                        "forgive_time", "2026-11-01T00:00:00+00:00")).list(x -> x.get(0).asObject()),
                        "v0.7.2's claim check counts 0 failures for both registrations");
                assertEquals(List.of(), tx.run(v062Expire(LocalDateTime.now())).list(x -> x.get(0).asString()),
                        "with zoned times a v0.6.2 server expires nothing: this store is for v0.7");
                tx.rollback();
            }
            String notOwn = "NONE(l IN labels(n) WHERE l STARTS WITH '__Statestore')";
            assertEquals(151 + 12, s.run("MATCH (n) WHERE " + notOwn + " RETURN count(n)").single().get(0).asLong());
            assertEquals(169 + 12, s.run("MATCH (n)-[r]->() WHERE " + notOwn + " RETURN count(r)").single().get(0).asLong());
        }

        // The Neo4j 5 dump loads back with Neo4j's own load into a new store, with the same content.
        Path reloaded = work.resolve("reloaded");
        Path from = Files.createDirectories(work.resolve("from"));
        Files.copy(toDump, from.resolve("neo4j.dump"));
        Neo4jAdmin.Run load = new Neo4jAdmin(reloaded).run("database", "load", "--from-path=" + from,
                "--overwrite-destination=true", "neo4j");
        assertEquals(0, load.code(), load.out() + load.err());
        assertEquals(content(dir), content(reloaded));

        // `statestore server --data-dir D` serves the result, and a driver sees the marks.
        StatestoreProcess server = StatestoreProcess.start(work.resolve("server-run"), Map.of(), "server",
                "--data-dir", dir.toString(), "--bolt-port", "0", "--page-cache", "32");
        try {
            String url = null;
            long deadline = System.currentTimeMillis() + 120_000;
            while (url == null && System.currentTimeMillis() < deadline) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("on (bolt://\\S+) without").matcher(server.out());
                url = m.find() ? m.group(1) : null;
                Thread.sleep(200);
            }
            assertTrue(url != null, "server did not start: " + server.err());
            try (Driver driver = GraphDatabase.driver(url, AuthTokens.none(), Config.builder().withLogging(Logging.none()).build());
                 Session s = driver.session()) {
                assertEquals(12, s.run("MATCH (:NetworkMark)-[:MARKS]->(:AlchemicalNetwork) RETURN count(*)").single()
                        .get(0).asLong());
            }
        } finally {
            server.process().destroy();
            server.exitCode(60);
        }
    }

    /** alchemiscale v0.7.2's claim check, verbatim (statestore.py:1609-1613). */
    static final String V072_CLAIM_CHECK = """
            UNWIND $compute_service_ids as compute_service_id
            MATCH (cs:ComputeServiceRegistration {identifier: compute_service_id})
            SET cs.failure_times = [entry IN cs.failure_times WHERE entry > datetime($forgive_time)]
            RETURN size(cs.failure_times) as n_failures""";

    /** alchemiscale v0.6.2's expire_registrations query (statestore.py:1125-1138) as its f-string renders it. */
    static String v062Expire(LocalDateTime expireTime) {
        return """
                MATCH (n:ComputeServiceRegistration)
                WHERE n.heartbeat < localdatetime('%s')

                WITH n

                OPTIONAL MATCH (n)-[cl:CLAIMS]->(t:Task {status: 'running'})
                SET t.status = 'waiting'

                WITH n, n.identifier as ident

                DETACH DELETE n

                RETURN ident
                """.formatted(expireTime.toString());
    }

    @Test
    @DisplayName("upgrade store --target 0.4.0 gives a store for alchemiscale v0.4-v0.6: LocalDateTime times kept, "
            + "which v0.6.2's expire_registrations expires; a later migrate up converts them")
    void storeForV04() throws Exception {
        Path dir = work.resolve("store-v04");
        CliRun run = CliRun.run(Map.of(), "upgrade", "store", "--from-dump", dump.toString(), "--data-dir",
                dir.toString(), "--target", "0.4.0", "--output", "json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals("0.4.0", doc.get("version").asText());
        assertEquals("v0.4.x to v0.6.x", doc.at("/alchemiscale/serves").asText());

        try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Options.privateStore(dir));
             Driver driver = GraphDatabase.driver(server.boltUrl(), AuthTokens.none(),
                     Config.builder().withLogging(Logging.none()).build());
             Session s = driver.session()) {
            assertEquals(79, s.run("MATCH (t:Task) WHERE t.datetime_created IS :: LOCAL DATETIME NOT NULL "
                    + "RETURN count(t)").single().get(0).asLong());
            assertEquals(24, s.run("MATCH ()-[c:CLAIMS]->() WHERE c.claimed IS :: LOCAL DATETIME NOT NULL "
                    + "RETURN count(c)").single().get(0).asLong());
            assertEquals(2, s.run("MATCH (c:ComputeServiceRegistration) WHERE c.heartbeat IS :: LOCAL DATETIME NOT NULL "
                    + "AND c.registered IS :: LOCAL DATETIME NOT NULL AND c.failure_times IS NULL RETURN count(c)")
                    .single().get(0).asLong());
            assertEquals(12, s.run("MATCH (:NetworkMark {state: 'active'})-[:MARKS]->(:AlchemicalNetwork) "
                    + "RETURN count(*)").single().get(0).asLong());
            assertEquals(List.of("0.3.0:baseline", "0.4.0:success"), s.run("MATCH (:__StatestoreHistory)-[:NEXT*]->(e) "
                    + "RETURN e.version + ':' + e.state AS x ORDER BY e.seq").list(x -> x.get(0).asString()));
            try (var tx = s.beginTransaction()) {
                List<String> expired = tx.run(v062Expire(LocalDateTime.now())).list(x -> x.get(0).asString());
                assertEquals(List.of("compute-svc-bb1ad57319b89cd868fb0e6f684df992",
                        "compute-svc-f7bed9d4b5f308680190e5722719b812"), expired.stream().distinct().sorted().toList());
                assertEquals(0, tx.run("MATCH (t:Task {status: 'running'}) RETURN count(t)").single().get(0).asLong(),
                        "the 24 claimed running Tasks go back to waiting");
                tx.rollback();
            }
        }

        CliRun later = CliRun.run(Map.of(), "migrate", "up", "--data-dir", dir.toString());
        assertEquals(0, later.exitCode(), later.toString());
        assertTrue(later.out().contains("applied 0.7.0 UtcTimestamps") && later.out().contains("applied 0.7.1 FailureTimes"),
                later.toString());
        try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Options.privateStore(dir));
             Driver driver = GraphDatabase.driver(server.boltUrl(), AuthTokens.none(),
                     Config.builder().withLogging(Logging.none()).build());
             Session s = driver.session()) {
            assertEquals(0, s.run("MATCH (t:Task) WHERE t.datetime_created IS :: LOCAL DATETIME RETURN count(t)")
                    .single().get(0).asLong());
            assertEquals(2, s.run("MATCH (c:ComputeServiceRegistration) WHERE c.heartbeat IS :: ZONED DATETIME NOT NULL "
                    + "AND c.failure_times = [] RETURN count(c)").single().get(0).asLong());
        }
    }

    @Test
    @DisplayName("upgrade check --target 0.4.0 says the LocalDateTime values are kept; a target below 0.4.0 is refused")
    void checkWithTarget() throws Exception {
        CliRun run = CliRun.run(Map.of(), "upgrade", "check", "--from-dump", dump.toString(), "--target", "0.4.0",
                "--output", "json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode r = JSON.readTree(run.out());
        assertFalse(r.get("convertsLocalDateTimes").asBoolean());
        assertEquals(79, r.at("/localDateTimes/Task.datetime_created").asInt());
        assertEquals(2, r.get("registrationsWithoutFailureTimes").asInt());
        assertFalse(r.get("addsFailureTimes").asBoolean());
        assertEquals("v0.4.x to v0.6.x", r.at("/alchemiscale/serves").asText());
        assertTrue(r.get("next").asText().endsWith("--target 0.4.0"), r.get("next").asText());

        CliRun low = CliRun.run(Map.of(), "upgrade", "store", "--from-dump", dump.toString(), "--data-dir",
                work.resolve("never").toString(), "--target", "0.1.0");
        assertEquals(2, low.exitCode(), low.toString());
        assertTrue(low.err().contains("below 0.4.0"), low.toString());
        assertFalse(Files.exists(work.resolve("never")));
    }

    @Test
    @DisplayName("upgrade store and upgrade check refuse a --target that names no bundled unit with exit 6 before the "
            + "dump is loaded: no target directory is created")
    void unknownTarget() throws Exception {
        Path dir = work.resolve("typo");
        CliRun store = CliRun.run(Map.of(), "upgrade", "store", "--from-dump", dump.toString(), "--data-dir",
                dir.toString(), "--target", "0.9.9", "--output", "json");
        assertEquals(6, store.exitCode(), store.toString());
        assertTrue(store.err().contains("--target 0.9.9 names no unit (the nearest known version is 0.7.1;"),
                store.toString());
        assertEquals(6, JSON.readTree(store.out()).get("exitCode").asInt(), store.toString());
        assertFalse(Files.exists(dir), "no target directory");
        assertFalse(store.err().contains("load dump"), "the dump was never loaded: " + store);

        CliRun check = CliRun.run(Map.of(), "upgrade", "check", "--from-dump", dump.toString(), "--target", "0.5");
        assertEquals(6, check.exitCode(), check.toString());
        assertTrue(check.err().contains("the nearest known versions are 0.4.0 and 0.7.0"), check.toString());
    }

    /** Every node and relationship with labels, type and typed properties, sorted: equal stores give equal text. */
    private static String content(Path dir) {
        try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Options.privateStore(dir));
             Driver driver = GraphDatabase.driver(server.boltUrl(), AuthTokens.none(),
                     Config.builder().withLogging(Logging.none()).build());
             Session s = driver.session()) {
            List<String> lines = new ArrayList<>();
            s.run("MATCH (n) RETURN labels(n) AS l, n AS n").forEachRemaining(r -> lines.add("node "
                    + sorted(r.get("l").asList(org.neo4j.driver.Value::asString)) + typed(r.get("n"))));
            s.run("MATCH (a)-[r]->(b) RETURN type(r) AS t, r AS r, a AS a, b AS b").forEachRemaining(r -> lines.add(
                    "rel " + r.get("t").asString() + typed(r.get("r")) + typed(r.get("a")) + typed(r.get("b"))));
            java.util.Collections.sort(lines);
            return String.join("\n", lines) + "\n" + counts(s);
        }
    }

    private static String typed(org.neo4j.driver.Value entity) {
        java.util.TreeMap<String, String> props = new java.util.TreeMap<>();
        for (String k : entity.keys()) {
            props.put(k, entity.get(k).type().name() + ":" + entity.get(k));
        }
        return props.toString();
    }

    private static List<String> sorted(Iterable<String> labels) {
        List<String> l = new ArrayList<>();
        labels.forEach(l::add);
        l.sort(null);
        return l;
    }

    private static String counts(Session s) {
        {
            return s.run("MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() WITH nodes, count(r) AS rels "
                    + "MATCH (m:NetworkMark) WITH nodes, rels, count(m) AS marks "
                    + "RETURN toString(nodes) + ':' + toString(rels) + ':' + toString(marks) AS c").single().get(0).asString()
                    + " " + s.run("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS c").single().get(0).asList();
        }
    }

    @Test
    @DisplayName("a corrupted or truncated dump fails with one clear line and leaves no target directory")
    void corrupted() throws Exception {
        byte[] bytes = Files.readAllBytes(dump);
        Path flipped = work.resolve("flipped.dump");
        byte[] f = bytes.clone();
        f[f.length / 2] ^= 0x5a;
        Files.write(flipped, f);
        Path truncated = work.resolve("truncated.dump");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Path notADump = Files.writeString(work.resolve("notes.dump"), "not a dump at all");
        for (Path bad : List.of(flipped, truncated, notADump)) {
            Path dir = work.resolve("target-" + bad.getFileName());
            CliRun run = CliRun.run(Map.of(), "upgrade", "store", "--from-dump", bad.toString(), "--data-dir", dir.toString());
            assertEquals(6, run.exitCode(), run.toString());
            assertEquals(1, run.err().lines().filter(l -> l.contains("upgrade failed")).count(), run.toString());
            assertFalse(run.err().contains("\tat "), run.toString());
            assertFalse(Files.exists(dir), "no target directory left behind for " + bad.getFileName());
        }
    }
}
