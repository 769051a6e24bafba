package org.statestore.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.SessionConfig;
import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.backup.BackupCounts;
import org.statestore.backup.BackupHeader;
import org.statestore.backup.CreateResult;
import org.statestore.backup.DumpGuard;
import org.statestore.lock.Holder;
import org.statestore.lock.LeaseSettings;
import org.statestore.lock.LeaseState;
import org.statestore.lock.internal.LeaseLock;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@DisplayName("backup create holds the migration lease while it reads, and lease nodes are never in a backup")
class BackupLeaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestNeo4j neo4j = TestNeo4j.get();
    private final SessionConfig db = SessionConfig.forDatabase("neo4j");
    private final List<String> log = new ArrayList<>();
    private final Consumer<String> sink = line -> {
        synchronized (log) {
            log.add(line);
        }
    };

    @TempDir
    Path backups;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private void smallGraph() {
        neo4j.query("CREATE CONSTRAINT thing_id FOR (t:Thing) REQUIRE t.id IS UNIQUE");
        neo4j.query("UNWIND range(1, 50) AS i CREATE (t:Thing {id: i, name: 'thing ' + i})");
        neo4j.query("MATCH (a:Thing), (b:Thing) WHERE b.id = a.id + 1 CREATE (a)-[:NEXT {w: a.id * 0.5}]->(b)");
    }

    /** The lease as a running {@code migrate up} in another pod would hold it. */
    private LeaseLock migration(Duration ttl) {
        return LeaseLock.acquire(neo4j.driver(), db, new Holder("other-pod-attempt", "pod-7", 4242, "migrate up"),
                new LeaseSettings(ttl, ttl.dividedBy(4), Duration.ZERO), sink);
    }

    private Statestore open(LeaseSettings lease) {
        return Statestore.open(StatestoreConfig.builder().bundledUnits(false).connection(neo4j.settings())
                .lease(lease).log(sink).build());
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> s = Files.list(backups)) {
            return s.toList();
        }
    }

    private Path onlyBackup() throws IOException {
        List<Path> all = allFiles();
        assertEquals(1, all.size(), () -> "one file in the backup directory: " + all);
        return all.get(0);
    }

    @Test
    @DisplayName("while it reads, the lease is held by this process as 'backup create'; afterwards it is free at once")
    void holdsAndReleases() {
        smallGraph();
        AtomicReference<Optional<LeaseState>> during = new AtomicReference<>();
        CreateResult result;
        try (Statestore store = open(LeaseSettings.DEFAULTS)) {
            DumpGuard lease = store.backups().migrationLease("backup create");
            DumpGuard observed = () -> {
                DumpGuard.Held held = lease.hold();
                during.set(LeaseLock.peek(neo4j.driver(), db));
                return held;
            };
            result = store.backups().create(backups, observed);
        }

        CreateResult.Created created = assertInstanceOf(CreateResult.Created.class, result);
        LeaseState held = during.get().orElseThrow(() -> new AssertionError("no live lease during the dump"));
        assertEquals("backup create", held.holder().command());
        assertEquals(ProcessHandle.current().pid(), held.holder().pid());
        assertEquals(50, created.header().counts().nodes(), "the backup's own lease node is not in it");
        assertEquals(Optional.empty(), LeaseLock.peek(neo4j.driver(), db), "released after the dump");
        try (LeaseLock next = migration(Duration.ofSeconds(30))) {
            assertEquals("migrate up", next.holder().command(), "a following migration gets the lease without waiting");
        }
    }

    @Test
    @DisplayName("the CLI takes and releases the lease: the lease node's fencing token moves on and no holder is left")
    void cliTakesTheLease() {
        smallGraph();
        long fence;
        try (LeaseLock earlier = migration(Duration.ofSeconds(30))) {
            fence = earlier.fence();
        }

        CliRun create = CliRun.run(neo4j.env(), "backup", "create", "--to", backups.toString());

        assertEquals(0, create.exitCode(), create::toString);
        List<org.neo4j.driver.Record> lease = neo4j.query(
                "MATCH (l:__StatestoreLock) RETURN l.fence AS fence, l.holder_id AS holder, l.released_on AS released");
        assertEquals(1, lease.size());
        assertEquals(fence + 1, lease.get(0).get("fence").asLong(), "backup create held the lease once");
        assertTrue(lease.get(0).get("holder").isNull(), "and released it");
        assertFalse(lease.get(0).get("released").isNull());
    }

    @Test
    @DisplayName("with a migration holding the lease, create waits --lock-timeout, exits 5 naming the holder and writes no file")
    void lockTimeout() throws IOException {
        smallGraph();
        try (LeaseLock running = migration(Duration.ofSeconds(30))) {
            CliRun create = CliRun.run(neo4j.env(), "backup", "create", "--to", backups.toString(),
                    "--lock-timeout", "1s");
            CliRun json = CliRun.run(neo4j.env(), "backup", "create", "--to", backups.toString(),
                    "--lock-timeout", "0s", "--output", "json");

            assertEquals(5, create.exitCode(), create::toString);
            String last = create.err().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.contains("migration lock not acquired within 1000 ms: held by migrate up on pod-7 "
                    + "(pid 4242)") && last.contains("nothing was written"), create::toString);
            assertEquals(5, json.exitCode(), json::toString);
            JsonNode doc = JSON.readTree(json.out());
            assertEquals(5, doc.get("exitCode").asInt(), json::toString);
            assertTrue(doc.get("error").asText().contains("held by migrate up on pod-7"), json::toString);
            assertEquals(List.of(), allFiles(), "no backup and no temporary file");
            assertFalse(running.isLost(), "the waiting backup did not disturb the holder");
        }
    }

    @Test
    @DisplayName("a backup started during a migration waits for it, then holds the lease and contains what it wrote")
    void waitsForTheMigration() throws Exception {
        smallGraph();
        CompletableFuture<CliRun> create;
        try (LeaseLock running = migration(Duration.ofSeconds(30))) {
            create = CompletableFuture.supplyAsync(() -> CliRun.run(neo4j.env(), "backup", "create", "--to",
                    backups.toString(), "--lock-timeout", "60s"));
            // The backup has tried for the lease once it has written itself as contender on the lease node.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (neo4j.count("MATCH (l:__StatestoreLock) WHERE l.contender <> 'other-pod-attempt' RETURN count(l)")
                    == 0) {
                assertTrue(System.nanoTime() < until, "backup create never asked for the lease");
                Thread.sleep(50);
            }
            assertEquals(List.of(), allFiles(), "nothing is read while the migration runs");
            neo4j.query("UNWIND range(1, 10) AS i CREATE (:Migrated {i: i})");
        }

        CliRun run = create.get(60, TimeUnit.SECONDS);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("waiting for the migration lock: held by migrate up on pod-7"), run::toString);
        BackupHeader header = new BackupReader().readHeader(onlyBackup());
        assertEquals(60, header.counts().nodes(), "the migration's nodes are in the backup, the lease node is not");
        assertEquals(Optional.empty(), LeaseLock.peek(neo4j.driver(), db));
    }

    @Test
    @DisplayName("lease nodes are left out of the file, its counts and its digest, so verify passes and a restore "
            + "reproduces the content exactly")
    void leaseNodesNeverInABackup() throws IOException {
        smallGraph();
        GraphSnapshot before = GraphSnapshot.of(neo4j.driver());
        // Two lease nodes (contenders may create two at once), one left by a killed holder; create takes both.
        neo4j.query("UNWIND [0, 3] AS f CREATE (:__StatestoreLock {name: 'migrations', fence: f, holder_id: 'dead', "
                + "holder_host: 'gone', holder_pid: 1, holder_command: 'migrate up', "
                + "expires_on: datetime() - duration('PT1M')})");

        CliRun create = CliRun.run(neo4j.env(), "backup", "create", "--to", backups.toString());
        assertEquals(0, create.exitCode(), create::toString);
        assertEquals(2, neo4j.count("MATCH (l:__StatestoreLock) RETURN count(l)"), "the database has lease nodes");
        Path file = onlyBackup();
        BackupHeader header = new BackupReader().readHeader(file);
        assertEquals(new BackupCounts(50, 49, 1, 0), header.counts());
        assertEquals(0, header.skippedRelationships());
        assertFalse(body(file).contains("__StatestoreLock"), "no lease node in the body");
        CliRun verify = CliRun.run(Map.of(), "backup", "verify", file.toString());
        assertEquals(0, verify.exitCode(), verify::toString);

        neo4j.reset();
        CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", file.toString());

        assertEquals(0, restore.exitCode(), restore::toString);
        GraphSnapshot after = GraphSnapshot.of(neo4j.driver());
        assertEquals(before, after);
        assertEquals(0, neo4j.count("MATCH (l:__StatestoreLock) RETURN count(l)"), "restore writes no lease node");
    }

    @Test
    @DisplayName("a database holding only a released lease node is not empty: restore refuses it (exit 11)")
    void leaseNodeMakesATargetNonEmpty() throws IOException {
        smallGraph();
        CliRun create = CliRun.run(neo4j.env(), "backup", "create", "--to", backups.toString());
        assertEquals(0, create.exitCode(), create::toString);
        neo4j.reset();
        migration(Duration.ofSeconds(30)).release();

        CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", onlyBackup().toString());

        assertEquals(11, restore.exitCode(), restore::toString);
        assertTrue(restore.err().contains("is not empty (1 nodes"), restore::toString);
        assertEquals(0, neo4j.count("MATCH (t:Thing) RETURN count(t)"), "nothing was written");
    }

    @Test
    @DisplayName("when the lease is taken over during the dump, no backup is written and the result says why")
    void leaseLostDuringTheDump() throws Exception {
        smallGraph();
        CreateResult result;
        try (Statestore store = open(new LeaseSettings(Duration.ofSeconds(1), Duration.ofMillis(200),
                Duration.ZERO))) {
            DumpGuard lease = store.backups().migrationLease("backup create");
            DumpGuard stolen = () -> {
                DumpGuard.Held held = lease.hold();
                // What a takeover after a long pause looks like on the lease node; the next heartbeat notices.
                neo4j.query("MATCH (l:__StatestoreLock) SET l.holder_id = 'thief', l.fence = l.fence + 1, "
                        + "l.expires_on = datetime() + duration('PT1M')");
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (held.lost().isEmpty() && System.nanoTime() < until) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
                return held;
            };
            result = store.backups().create(backups, stolen);
        }

        CreateResult.GuardLost lost = assertInstanceOf(CreateResult.GuardLost.class, result);
        assertTrue(lost.reason().contains("taken over"), lost::toString);
        assertEquals(List.of(), allFiles(), "no backup and no temporary file");
    }

    private static String body(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes, 0,
                bytes.length - BackupFormat.TRAILER_LENGTH))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
