package org.statestore.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.statestore.backup.DumpGuard;
import org.statestore.backup.RestoreResult;
import org.statestore.backup.VerifyResult;
import org.statestore.history.RecordedRollback;
import org.statestore.history.internal.HistoryChain;
import org.statestore.history.internal.NewEntry;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@DisplayName("a backup file is untrusted input: verify, restore, list and prune run nothing from it and stay bounded")
class UntrustedBackupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaDefinition.Kind CONSTRAINT = SchemaDefinition.Kind.CONSTRAINT;
    private static final SchemaDefinition.Kind INDEX = SchemaDefinition.Kind.INDEX;

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path work;

    private Path backups;

    @BeforeEach
    void emptyDatabase() throws IOException {
        neo4j.reset();
        backups = Files.createDirectories(work.resolve("backups"));
    }

    /** The label of the reported finding: `\u0060` closes the quoted name, the rest is Cypher. */
    private static final String LABEL_ATTACK = "Z\\u0060) CREATE (:Pwned) WITH n, row RETURN row.i AS i, id(n) AS id //";
    private static final String TYPE_ATTACK = "T\\u0060]->(b) CREATE (:Pwned) //";

    private String readAttack(Path secret) {
        // The longer variant: read a local file and put the literal label back so a read-back would match.
        return "Z\\u0060) WITH n, row LOAD CSV FROM 'file://" + secret + "' AS line CREATE (:Leak {line: line[0]}) "
                + "SET n:`Z\\u0060) WITH n, row LOAD CSV FROM 'file://" + secret + "' AS line` WITH n, row "
                + "RETURN row.i AS i, id(n) AS id //";
    }

    private void assertNothingRan() {
        assertEquals(0, neo4j.count("MATCH (n) RETURN count(n)"), "no node was written, no :Pwned, no :Leak");
        assertEquals(List.of(), neo4j.constraintNames(), "no constraint was written");
    }

    @Test
    @DisplayName("a label or relationship type carrying \\u0060 runs nothing: verify refuses it (exit 6) and restore "
            + "never connects, no extra node, no file read")
    void unicodeEscapeInNames() throws IOException {
        Path secret = Files.writeString(work.resolve("secret.csv"), "top-secret\n");
        List<ForgedBackup> attacks = List.of(
                new ForgedBackup().node(1, List.of(LABEL_ATTACK), Map.of("k", "v")),
                new ForgedBackup().node(1, List.of(readAttack(secret)), Map.of()),
                new ForgedBackup().node(1, List.of("A"), Map.of()).node(2, List.of("B"), Map.of())
                        .rel(1, 2, TYPE_ATTACK, Map.of()));
        int i = 0;
        for (ForgedBackup attack : attacks) {
            Path file = attack.at(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i++)).writeTo(backups);

            CliRun verify = CliRun.run(Map.of(), "backup", "verify", file.toString());
            assertEquals(6, verify.exitCode(), verify::toString);
            assertTrue(verify.err().contains("holds a backslash"), verify::toString);
            assertEquals(1, verify.errLines(), verify::toString);

            CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", file.toString(), "--replace", "--yes");
            assertEquals(6, restore.exitCode(), restore::toString);
            assertTrue(restore.err().contains("nothing was written"), restore::toString);
            assertNothingRan();
        }
    }

    @Test
    @DisplayName("restore passes labels and types as parameters on Neo4j 5.26: the \\u0060 names are stored literally "
            + "and run nothing, and quoting for an older server refuses them")
    void dynamicLabelsRunNothing() {
        assertEquals(CypherDialect.DYNAMIC, CypherDialect.forVersion(neo4j.query(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v").get(0).get("v").asString()));
        assertEquals(CypherDialect.QUOTED, CypherDialect.forVersion("5.25.1"));
        assertEquals(CypherDialect.DYNAMIC, CypherDialect.forVersion("2025.01.0"));
        GraphWrites writes = new GraphWrites(CypherDialect.DYNAMIC);
        String backtickLabel = "L`) CREATE (:Pwned) //";
        try (Session s = neo4j.driver().session(SessionConfig.forDatabase("neo4j"))) {
            for (String label : List.of(LABEL_ATTACK, backtickLabel)) {
                CypherStatement st = writes.createNodes(List.of(label, "Plain"), List.of(Map.of("i", 7L, "p", Map.of())));
                assertFalse(st.text().contains(label), "the label is not in the statement text");
                s.run(st.text(), st.parameters()).consume();
            }
            CypherStatement rel = writes.createRelationships(TYPE_ATTACK, List.of(Map.of("s",
                    s.run("MATCH (n:Plain) RETURN id(n) AS id LIMIT 1").single().get("id").asLong(), "e",
                    s.run("MATCH (n:Plain) RETURN id(n) AS id LIMIT 1").single().get("id").asLong(), "p", Map.of())));
            s.run(rel.text(), rel.parameters()).consume();
        }
        assertEquals(0, neo4j.count("MATCH (n:Pwned) RETURN count(n)"), "nothing from a name ran");
        assertEquals(2, neo4j.count("MATCH (n:Plain) RETURN count(n)"));
        List<String> labels = neo4j.query("MATCH (n:Plain) UNWIND labels(n) AS l WITH l WHERE l <> 'Plain' "
                + "RETURN l ORDER BY l").stream().map(r -> r.get("l").asString()).toList();
        assertEquals(List.of(backtickLabel, LABEL_ATTACK), labels, "each label is stored exactly as given");
        assertEquals(TYPE_ATTACK, neo4j.query("MATCH ()-[r]->() RETURN type(r) AS t").get(0).get("t").asString());
        assertThrows(IllegalArgumentException.class, () -> new GraphWrites(CypherDialect.QUOTED)
                .createNodes(List.of(backtickLabel), List.of()));
    }

    @Test
    @DisplayName("for a server older than 5.26 names are quoted: a backtick in a label is refused (exit 11 in the CLI) "
            + "before anything is deleted or written, and other names restore")
    void olderServerQuotes() throws IOException {
        neo4j.query("CREATE (:Precious {keep: true})");
        GraphSnapshot before = GraphSnapshot.of(neo4j.driver());
        Path scratch = Files.createDirectories(work.resolve("scratch"));
        BackupRestorer older = new BackupRestorer(neo4j.driver(), "neo4j", java.util.Optional.of("5.20.0"), line -> { },
                scratch);
        Path ticked = new ForgedBackup().node(1, List.of("Back`Tick"), Map.of()).writeTo(backups);
        VerifyResult.Valid v = (VerifyResult.Valid) new BackupReader(scratch).verify(ticked);

        RestoreResult refused = older.restore(v, true, DumpGuard.NONE);

        RestoreResult.Refused r = org.junit.jupiter.api.Assertions.assertInstanceOf(RestoreResult.Refused.class, refused);
        assertTrue(r.reason().contains("backtick") && r.reason().contains("nothing was written"), r.reason());
        assertEquals(before, GraphSnapshot.of(neo4j.driver()), "the target is untouched");

        Path plain = new ForgedBackup().schema(CONSTRAINT, "k", "UNIQUENESS",
                        "CREATE CONSTRAINT `k` FOR (n:`With Space`) REQUIRE (n.`p`) IS UNIQUE")
                .node(1, List.of("With Space"), Map.of("p", 1L)).node(2, List.of("B"), Map.of())
                .rel(1, 2, "R", Map.of("w", 0.5)).at(Instant.parse("2025-01-02T00:00:00Z")).writeTo(backups);
        RestoreResult done = older.restore((VerifyResult.Valid) new BackupReader(scratch).verify(plain), true,
                DumpGuard.NONE);
        org.junit.jupiter.api.Assertions.assertInstanceOf(RestoreResult.Restored.class, done, done::toString);
        assertEquals(List.of("k"), neo4j.constraintNames());
        assertEmpty(scratch);
    }

    @Test
    @DisplayName("--replace deletes nothing when the file is no longer the one that was verified")
    void replaceChecksTheFileFirst() throws IOException {
        neo4j.query("CREATE (:Precious {keep: true})");
        GraphSnapshot before = GraphSnapshot.of(neo4j.driver());
        Path file = new ForgedBackup().node(1, List.of("Thing"), Map.of()).writeTo(backups);
        VerifyResult.Valid v = (VerifyResult.Valid) new BackupReader().verify(file);
        Files.write(file, new ForgedBackup().node(1, List.of("Other"), Map.of()).bytes());

        RestoreResult r = new BackupRestorer(neo4j.driver(), "neo4j", line -> { }).restore(v, true, DumpGuard.NONE);

        RestoreResult.Mismatch m = org.junit.jupiter.api.Assertions.assertInstanceOf(RestoreResult.Mismatch.class, r);
        assertTrue(m.reason().contains("nothing was deleted"), m.reason());
        assertEquals(before, GraphSnapshot.of(neo4j.driver()));
    }

    @Test
    @DisplayName("a schema record is rebuilt, never run: CREATE USER in one creates no user and is refused by verify, "
            + "and so is any text outside the CREATE INDEX/CONSTRAINT forms")
    void schemaRecordsAreNotRun() throws IOException {
        String createUser = "CREATE USER mallory SET PASSWORD 'mallory-password-1' CHANGE NOT REQUIRED";
        String valid = "CREATE CONSTRAINT `k` FOR (n:`L`) REQUIRE (n.`p`) IS UNIQUE";
        List<String[]> attacks = List.of(
                new String[] {"constraint", "k", "UNIQUENESS", createUser},
                new String[] {"index", "k", "RANGE", createUser},
                new String[] {"constraint", "k", "UNIQUENESS", valid + " " + createUser},
                new String[] {"constraint", "k", "UNIQUENESS", valid + "; " + createUser},
                new String[] {"constraint", "other", "UNIQUENESS", valid},
                new String[] {"index", "k", "UNIQUENESS", valid},
                new String[] {"constraint", "k", "NODE_KEY", valid},
                new String[] {"index", "i", "RANGE", "CREATE RANGE INDEX `i` FOR (n:`L`) ON (n.`p`) OPTIONS "
                        + "{indexConfig: {`x`: 1}}"},
                new String[] {"index", "i", "FULLTEXT", "CREATE FULLTEXT INDEX `i` FOR (n:`L`) ON EACH [n.`p`] OPTIONS "
                        + "{indexConfig: {`fulltext.analyzer`: 'x\\' CREATE USER mallory'}}"},
                new String[] {"index", "i", "RANGE", "CREATE RANGE INDEX `i` FOR (n:`L\\u0060) CREATE (:Pwned) //`) "
                        + "ON (n.`p`)"});
        int i = 0;
        for (String[] a : attacks) {
            Path file = new ForgedBackup()
                    .schema(a[0].equals("index") ? INDEX : CONSTRAINT, a[1], a[2], a[3])
                    .node(1, List.of("L"), Map.of("p", 1L))
                    .at(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i++)).writeTo(backups);

            CliRun verify = CliRun.run(Map.of(), "backup", "verify", file.toString());
            assertEquals(6, verify.exitCode(), () -> a[3] + "\n" + verify);
            assertEquals(1, verify.errLines(), verify::toString);
            CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", file.toString());
            assertEquals(6, restore.exitCode(), restore::toString);
            assertNothingRan();
        }
        List<String> users = neo4j.query("SHOW USERS YIELD user RETURN user").stream().map(r -> r.get(0).asString())
                .toList();
        assertFalse(users.contains("mallory"), "no user was created: " + users);
    }

    @Test
    @DisplayName("a label that only looks like Cypher, quoted as Neo4j writes it, is rebuilt into an index on that "
            + "literal label and runs nothing")
    void schemaIsRebuiltFromFields() throws IOException {
        String label = "L`) CREATE (:Pwned) //";
        String create = "CREATE RANGE INDEX `odd``name` FOR (n:`" + label.replace("`", "``") + "`) ON (n.`p``q`)";
        Path file = new ForgedBackup().schema(INDEX, "odd`name", "RANGE", create)
                .node(1, List.of(label), Map.of("p`q", 1L)).writeTo(backups);

        CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", file.toString());

        assertEquals(0, restore.exitCode(), restore::toString);
        assertEquals(0, neo4j.count("MATCH (n:Pwned) RETURN count(n)"));
        Record index = neo4j.query("SHOW INDEXES YIELD name, labelsOrTypes, properties WHERE name = 'odd`name' "
                + "RETURN name, labelsOrTypes, properties").get(0);
        assertEquals(List.of(label), index.get("labelsOrTypes").asList(v -> v.asString()));
        assertEquals(List.of("p`q"), index.get("properties").asList(v -> v.asString()));
    }

    @Test
    @DisplayName("values Neo4j cannot store (nested lists, mixed lists, lists of byte arrays) are refused by verify, "
            + "and restore --replace --yes of them leaves the target untouched, history included")
    void unstorableValues() throws IOException {
        neo4j.query("CREATE CONSTRAINT precious_id FOR (p:Precious) REQUIRE p.id IS UNIQUE");
        neo4j.query("UNWIND range(1, 20) AS i CREATE (:Precious {id: i})");
        HistoryChain chain = new HistoryChain(neo4j.driver(), SessionConfig.forDatabase("neo4j"));
        chain.recordBaseline(new NewEntry("0.1.0", "baseline", "BASELINE", "v1:abc", "test", "tester@host",
                RecordedRollback.none(), "single"));
        GraphSnapshot before = GraphSnapshot.of(neo4j.driver());
        assertTrue(before.nodes().stream().anyMatch(n -> n.contains("__StatestoreEntry")), "the target has history");

        List<Object> values = List.of(List.of(List.of(1L), List.of(2L)), List.of(1L, 2.5), List.of("a", 1L),
                List.of(new byte[] {1}), List.of(List.of()));
        List<String> reasons = List.of("list inside a list", "mixing", "mixing", "byte array inside a list",
                "list inside a list");
        for (int i = 0; i < values.size(); i++) {
            Path file = new ForgedBackup().node(1, List.of("Thing"), Map.of("v", values.get(i)))
                    .at(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i)).writeTo(backups);

            CliRun verify = CliRun.run(Map.of(), "backup", "verify", file.toString());
            assertEquals(6, verify.exitCode(), verify::toString);
            assertTrue(verify.err().contains(reasons.get(i)), verify::toString);

            CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", file.toString(), "--replace", "--yes");
            assertEquals(6, restore.exitCode(), restore::toString);
            assertEquals(1, restore.errLines(), "one line, no stack trace: " + restore);
            assertFalse(restore.err().contains("internal error"), restore::toString);
            assertEquals(before, GraphSnapshot.of(neo4j.driver()), "the target is untouched");
        }
    }

    @Test
    @DisplayName("other values restore would refuse are refused by verify: bad points, overflowing durations, "
            + "unknown zones, reserved labels, empty and NUL names")
    void otherRefusedValues() throws IOException {
        List<ForgedBackup> files = List.of(
                new ForgedBackup().node(1, List.of(), Map.of("p", org.neo4j.driver.Values.point(4326, 200, 10).asPoint())),
                new ForgedBackup().node(1, List.of(), Map.of("p", org.neo4j.driver.Values.point(1234, 1, 2).asPoint())),
                new ForgedBackup().node(1, List.of(), Map.of("d", org.neo4j.driver.Values.isoDuration(Long.MAX_VALUE,
                        0, 0, 0).asIsoDuration())),
                new ForgedBackup().node(1, List.of(), Map.of("t", java.time.ZonedDateTime.of(2020, 1, 1, 0, 0, 0, 0,
                        java.time.ZoneId.of("UTC+01:00")))),
                new ForgedBackup().node(1, List.of(BackupWriter.LEASE_LABEL), Map.of()),
                new ForgedBackup().node(1, List.of(BackupRestorer.MARKER_LABEL), Map.of()),
                new ForgedBackup().node(1, List.of(""), Map.of()),
                new ForgedBackup().node(1, List.of("B", "A"), Map.of()),
                new ForgedBackup().node(1, List.of(), Map.of("a\u0000b", 1L)),
                new ForgedBackup().node(1, List.of(), Map.of()).node(1, List.of(), Map.of()));
        int i = 0;
        for (ForgedBackup f : files) {
            Path file = f.at(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i++)).writeTo(backups);
            CliRun verify = CliRun.run(Map.of(), "backup", "verify", file.toString());
            assertEquals(6, verify.exitCode(), verify::toString);
            assertEquals(1, verify.errLines(), verify::toString);
        }
    }

    @Test
    @DisplayName("a header holding a 1.5 G-character string ends list, verify and restore within seconds in a 256 MiB "
            + "heap, with one line, no stack trace and no temporary files; list still shows the other backups")
    void headerBomb() throws Exception {
        Path bomb = backups.resolve("neo4j-20990101T000000Z.ssbak");
        Files.write(bomb, ForgedBackup.headerBomb(1_500_000_000L));
        assertTrue(Files.size(bomb) < 3_000_000, "a small file: " + Files.size(bomb));
        Path good = new ForgedBackup().node(1, List.of("Thing"), Map.of()).writeTo(backups);
        Path tmp = Files.createDirectories(work.resolve("tmp"));

        ChildCli list = ChildCli.run(tmp, Map.of(), Duration.ofSeconds(120), "backup", "list", backups.toString());
        assertEquals(0, list.exitCode(), list::toString);
        assertFalse(list.stackTrace(), list::toString);
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(bomb.getFileName().toString())
                && l.contains("UNREADABLE: the header is longer than 8 KiB")), list::toString);
        assertTrue(list.out().contains(good.getFileName().toString()) && list.out().contains("2 backups"), list::toString);
        assertEmpty(tmp);

        Path stale = plantStaleScratch(tmp);
        for (String[] args : List.of(new String[] {"backup", "verify", bomb.toString()},
                new String[] {"backup", "restore", bomb.toString()},
                new String[] {"backup", "prune", "--keep", "1", backups.toString(), "--dry-run"})) {
            ChildCli run = ChildCli.run(tmp, neo4j.env(), Duration.ofSeconds(120), args);
            assertFalse(run.stackTrace(), run::toString);
            assertEquals(1, run.errLines(), () -> "one line: " + run);
            assertTrue(run.err().contains("the header is longer than 8 KiB"), run::toString);
            assertEquals(args[1].equals("prune") ? 0 : 6, run.exitCode(), run::toString);
            assertTrue(run.elapsed().compareTo(Duration.ofSeconds(60)) < 0, run::toString);
            System.out.println("header bomb: " + String.join(" ", args[0], args[1]) + " took " + run.elapsed().toMillis()
                    + " ms");
            assertEmpty(tmp);
            assertFalse(Files.exists(stale), "a dead run's scratch directory is removed by the next run");
        }
        assertNothingRan();
    }

    @Test
    @DisplayName("70,000 nodes whose ids lie 2^20 apart verify and restore within seconds in a 256 MiB heap, with "
            + "id maps sized by the node count, and leave no temporary files")
    void sparseIds() throws Exception {
        ForgedBackup f = new ForgedBackup();
        int n = 70_000;
        for (long i = 0; i < n; i++) {
            f.node(i << 20, List.of("Sparse"), Map.of("i", i));
        }
        for (long i = 0; i + 1 < n; i += 7) {
            f.rel(i << 20, (i + 1) << 20, "NEXT", Map.of());
        }
        Path file = f.writeTo(backups);
        assertTrue(Files.size(file) < 2_000_000, "a small file: " + Files.size(file));
        Path tmp = Files.createDirectories(work.resolve("tmp"));

        for (String[] args : List.of(new String[] {"backup", "list", backups.toString()},
                new String[] {"backup", "verify", file.toString()},
                new String[] {"backup", "restore", file.toString()})) {
            ChildCli run = ChildCli.run(tmp, neo4j.env(), Duration.ofSeconds(300), args);
            assertEquals(0, run.exitCode(), run::toString);
            assertFalse(run.stackTrace(), run::toString);
            if (!args[1].equals("list")) {
                assertEquals(1, run.out().lines().count(), () -> "one result line: " + run);
            }
            // Generous for a shared machine; the file's ids would have needed gigabytes of id maps before.
            assertTrue(run.elapsed().compareTo(Duration.ofSeconds(args[1].equals("restore") ? 150 : 60)) < 0,
                    run::toString);
            System.out.println("sparse ids: " + String.join(" ", args[0], args[1]) + " took " + run.elapsed().toMillis()
                    + " ms");
            assertEmpty(tmp);
        }
        assertEquals(n, neo4j.count("MATCH (s:Sparse) RETURN count(s)"));
        assertEquals(10_000, neo4j.count("MATCH (:Sparse)-[r:NEXT]->(:Sparse) RETURN count(r)"));
    }

    @Test
    @DisplayName("an id map of 70,000 ids 2^20 apart takes a few MiB of files, and maps every id back exactly")
    void idMapFollowsTheCount() throws IOException {
        Path base = Files.createDirectories(work.resolve("scratch"));
        try (ScratchSpace scratch = ScratchSpace.open(base); NodeIdMap map = new NodeIdMap(scratch, "test")) {
            for (long i = 0; i < 70_000; i++) {
                assertTrue(map.putIfAbsent(i << 20, i));
            }
            assertFalse(map.putIfAbsent(5L << 20, 0), "a duplicate is noticed");
            for (long i = 0; i < 70_000; i++) {
                assertEquals(i, map.get(i << 20));
            }
            assertEquals(NodeIdMap.ABSENT, map.get(1));
            long bytes;
            try (Stream<Path> files = Files.list(scratch.directory())) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            assertTrue(bytes <= 4L << 20, "the map's files take " + bytes + " bytes");
        }
        assertEmpty(base);
    }

    @Test
    @DisplayName("prune --keep 1 with one verified backup and two newer truncated files keeps the verified one and "
            + "reports each truncated file on one line")
    void pruneCountsOnlyVerified() throws IOException {
        Path verified = new ForgedBackup().node(1, List.of("Thing"), Map.of()).writeTo(backups);
        for (String t : List.of("2999-01-01T00:00:00Z", "2999-01-02T00:00:00Z")) {
            byte[] whole = new ForgedBackup().node(1, List.of("Thing"), Map.of()).at(Instant.parse(t)).bytes();
            Path f = backups.resolve(BackupFormat.fileName("neo4j", Instant.parse(t)));
            Files.write(f, java.util.Arrays.copyOf(whole, whole.length - 30));
        }
        // A complete, checksummed file dated far ahead is not trusted to be the newest either.
        Path future = new ForgedBackup().node(1, List.of("Thing"), Map.of()).at(Instant.parse("2999-02-01T00:00:00Z"))
                .writeTo(backups);

        CliRun prune = CliRun.run(Map.of(), "backup", "prune", "--keep", "1", backups.toString());

        assertEquals(0, prune.exitCode(), prune::toString);
        assertTrue(Files.exists(verified), "the verified backup is kept: " + prune);
        assertTrue(Files.exists(future));
        try (Stream<Path> s = Files.list(backups)) {
            assertEquals(4, s.count(), "nothing was deleted: " + prune);
        }
        assertEquals(3, prune.err().lines().filter(l -> l.contains("left alone")).count(), prune::toString);
        assertTrue(prune.err().contains("no checksum trailer") || prune.err().contains("checksum mismatch"),
                prune::toString);
        assertTrue(prune.out().contains("kept 1, deleted 0"), prune::toString);
    }

    @Test
    @DisplayName("backups are private: the file is 0600 and directories create makes are 0700; scratch space too")
    void permissions() throws IOException {
        neo4j.query("CREATE (:Thing {id: 1})");
        Path nested = work.resolve("new").resolve("deeper");

        CliRun create = CliRun.run(neo4j.env(), "backup", "create", "--to", nested.toString());

        assertEquals(0, create.exitCode(), create::toString);
        try (Stream<Path> s = Files.list(nested)) {
            Path file = s.filter(p -> p.toString().endsWith(".ssbak")).findFirst().orElseThrow();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.getParent())));

        Path base = Files.createDirectories(work.resolve("scratch"));
        try (ScratchSpace scratch = ScratchSpace.open(base)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(scratch.directory())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(scratch.newFile("x"))));
        }
        assertEmpty(base);
    }

    @Test
    @DisplayName("an offline --database outside Neo4j's naming rules is refused (exit 2) before any path is built")
    void offlineDatabaseNames() throws IOException {
        Path dump = Files.writeString(backups.resolve("neo4j-20250101T000000Z.dump"), "not read");
        Path data = work.resolve("data");
        for (String name : List.of("../../outside", "a/b", "x", ".hidden", "neo4j\u001b[31m")) {
            CliRun load = CliRun.run(Map.of(), "backup", "restore", "--offline", dump.toString(), "--data-dir",
                    data.toString(), "--database", name);
            assertEquals(2, load.exitCode(), load::toString);
            assertEquals(1, load.errLines(), load::toString);
            assertFalse(load.err().contains("\u001b"), "the name is escaped: " + load);
            CliRun create = CliRun.run(Map.of(), "backup", "create", "--offline", "--data-dir", data.toString(),
                    "--database", name, "--to", backups.toString());
            assertEquals(2, create.exitCode(), create::toString);
        }
        assertFalse(Files.exists(data), "nothing was created, inside the data directory or outside it");
        try (Stream<Path> s = Files.list(work)) {
            assertEquals(List.of(backups), s.toList());
        }
        try (Stream<Path> s = Files.list(backups)) {
            assertEquals(List.of(dump), s.toList());
        }
        assertEquals(java.util.Optional.empty(), DatabaseName.problem("Neo4j"));
        assertEquals("neo4j", DatabaseName.normalized("Neo4j"));
    }

    @Test
    @DisplayName("DatabaseName accepts exactly the names Neo4j's own validator accepts")
    void databaseNamesMatchNeo4j() {
        for (String name : List.of("neo4j", "system", "a.b-c", "ab", "abc", "a".repeat(63), "a".repeat(64), "1abc",
                "-abc", "abc_d", "ab c", "Neo4j", "..a", "a..", "ünï", "a/b", "../x", "data.base.")) {
            boolean neo;
            try {
                org.neo4j.configuration.helpers.DatabaseNameValidator.validateInternalDatabaseName(
                        new org.neo4j.kernel.database.NormalizedDatabaseName(name));
                neo = true;
            } catch (IllegalArgumentException e) {
                neo = false;
            }
            assertEquals(neo, DatabaseName.problem(name).isEmpty(), name);
        }
    }

    @Test
    @DisplayName("control characters in header fields are escaped in verify and list output, as text and as JSON")
    void headerFieldsAreEscaped() throws IOException {
        Path file = new ForgedBackup().database("neo4j\u001b]0;owned\u0007").toolVersion("\u001b[31mred\u009b2J")
                .serverVersion("5.26\r\n\u202eevil").head("0.1\u001b[0m", 3).node(1, List.of("Thing"), Map.of())
                .writeTo(backups);
        List<CliRun> runs = List.of(
                CliRun.run(Map.of(), "backup", "verify", file.toString()),
                CliRun.run(Map.of(), "backup", "verify", file.toString(), "--output", "json"),
                CliRun.run(Map.of(), "backup", "list", backups.toString()),
                CliRun.run(Map.of(), "backup", "list", backups.toString(), "--output", "json"));
        for (CliRun r : runs) {
            assertEquals(0, r.exitCode(), r::toString);
            String all = r.out() + r.err();
            for (char c : all.toCharArray()) {
                boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == '\u202e';
                assertFalse(control, () -> "a raw control character " + (int) c + " in " + r);
            }
        }
        JsonNode doc = JSON.readTree(runs.get(1).out());
        assertEquals("neo4j\\u001b]0;owned\\u0007", doc.at("/header/database").asText());
        assertTrue(runs.get(0).out().contains("database neo4j\\u001b]0;owned\\u0007"), runs.get(0)::toString);
    }

    /** A scratch directory as a run killed outright leaves it: named after a process that does not run. */
    private static Path plantStaleScratch(Path tmp) throws IOException {
        long dead = 4_194_301;
        while (ProcessHandle.of(dead).isPresent()) {
            dead -= 7919;
        }
        Path stale = Files.createDirectories(tmp.resolve("statestore-" + dead + "-abc123"));
        Files.writeString(stale.resolve("restore-new-ids-1.map"), "left behind");
        return stale;
    }

    private static void assertEmpty(Path dir) throws IOException {
        List<Path> left = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(left::add);
        }
        assertEquals(List.of(), left, "no temporary files are left in " + dir);
    }
}
