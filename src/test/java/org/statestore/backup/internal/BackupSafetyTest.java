package org.statestore.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.backup.CreateResult;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

@DisplayName("backups are verified before anything is written, never overwrite, and are listed and pruned by time")
class BackupSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestNeo4j neo4j = TestNeo4j.get();

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

    private Path backupOfSmallGraph() throws IOException {
        smallGraph();
        CliRun create = CliRun.run(neo4j.env(), "backup", "create", "--to", backups.toString());
        assertEquals(0, create.exitCode(), create::toString);
        try (Stream<Path> files = Files.list(backups)) {
            return files.filter(p -> p.toString().endsWith(".ssbak")).findFirst().orElseThrow();
        }
    }

    private void assertTargetEmpty() {
        assertEquals(0, neo4j.count("MATCH (n) RETURN count(n)"), "no node was written");
        assertEquals(List.of(), neo4j.constraintNames(), "no constraint was written");
        assertEquals(0, neo4j.count("SHOW INDEXES YIELD type WHERE type <> 'LOOKUP' RETURN count(*)"),
                "no index was written");
    }

    @Test
    @DisplayName("a flipped byte is rejected by verify and restore (exit 6) and the target stays empty")
    void flippedByte() throws IOException {
        Path file = backupOfSmallGraph();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        neo4j.reset();

        CliRun verify = CliRun.run(Map.of(), "backup", "verify", file.toString());
        assertEquals(6, verify.exitCode(), verify::toString);
        assertTrue(verify.err().contains("checksum mismatch"), verify::toString);

        CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", file.toString());
        assertEquals(6, restore.exitCode(), restore::toString);
        assertTrue(restore.err().contains("nothing was written"), restore::toString);
        assertFalse(restore.err().contains("target:"), "the database is not even contacted: " + restore);
        assertTargetEmpty();
    }

    @Test
    @DisplayName("a truncated file, cut anywhere, is rejected before any write and the target stays empty")
    void truncated() throws IOException {
        Path file = backupOfSmallGraph();
        byte[] bytes = Files.readAllBytes(file);
        neo4j.reset();
        for (int keep : new int[] {bytes.length - 1, bytes.length - BackupFormat.TRAILER_LENGTH, bytes.length / 2, 10}) {
            Files.write(file, java.util.Arrays.copyOf(bytes, keep));
            CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", file.toString());
            assertEquals(6, restore.exitCode(), () -> "cut to " + keep + " bytes: " + restore);
            assertTargetEmpty();
        }
    }

    @Test
    @DisplayName("a body that disagrees with its header is rejected even when the checksum is recomputed")
    void headerMismatchWithValidChecksum() throws IOException {
        Path file = backupOfSmallGraph();
        List<String> lines = decompress(file);
        ObjectNode header = (ObjectNode) JSON.readTree(lines.get(0));
        ((ObjectNode) header.get("counts")).put("nodes", 49);
        rewrite(file, JSON.writeValueAsString(header), lines.subList(1, lines.size()));
        neo4j.reset();

        CliRun verify = CliRun.run(Map.of(), "backup", "verify", file.toString());
        assertEquals(6, verify.exitCode(), verify::toString);
        assertTrue(verify.err().contains("header says"), verify::toString);

        // A changed property value with matching counts: the content digest catches it.
        List<String> body = lines.subList(1, lines.size()).stream()
                .map(l -> l.replace("\"thing 7\"", "\"thing 8\"")).toList();
        rewrite(file, lines.get(0), body);
        CliRun verify2 = CliRun.run(Map.of(), "backup", "verify", file.toString());
        assertEquals(6, verify2.exitCode(), verify2::toString);
        assertTrue(verify2.err().contains("content digest mismatch"), verify2::toString);

        CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", file.toString());
        assertEquals(6, restore.exitCode(), restore::toString);
        assertTargetEmpty();
    }

    @Test
    @DisplayName("a constraint the target cannot create ends the restore with exit 6 and leaves the marker behind")
    void schemaFailure() throws IOException {
        Path file = backupOfSmallGraph();
        List<String> lines = decompress(file);
        // A well-formed NODE KEY constraint (Enterprise only): the file verifies, the Community target refuses it.
        List<String> body = lines.subList(1, lines.size()).stream()
                .map(l -> l.startsWith("{\"r\":\"constraint\"") ? l.replaceFirst("\"type\":\"[^\"]*\"",
                        "\"type\":\"NODE_KEY\"").replaceFirst("\"create\":\"[^\"]*\"",
                        "\"create\":\"CREATE CONSTRAINT `thing_id` FOR (n:`Thing`) REQUIRE (n.`id`) IS NODE KEY\"") : l)
                .toList();
        rewrite(file, lines.get(0), body);
        neo4j.reset();

        CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", file.toString());

        assertEquals(6, restore.exitCode(), restore::toString);
        assertTrue(restore.err().contains("constraint thing_id could not be created"), restore::toString);
        assertEquals(50, neo4j.count("MATCH (t:Thing) RETURN count(t)"), "the data was written");
        assertEquals(1, neo4j.count("MATCH (m:" + BackupRestorer.MARKER_LABEL + ") RETURN count(m)"));
        CliRun again = CliRun.run(neo4j.env(), "backup", "restore", file.toString());
        assertEquals(11, again.exitCode(), again::toString);
        assertTrue(again.err().contains("an earlier restore did not finish"), again::toString);
    }

    @Test
    @DisplayName("verify checks a good backup without any database and prints its header")
    void verifyNeedsNoDatabase() throws IOException {
        Path file = backupOfSmallGraph();

        CliRun verify = CliRun.run(Map.of(), "backup", "verify", file.toString(), "--output", "json");

        assertEquals(0, verify.exitCode(), verify::toString);
        JsonNode doc = JSON.readTree(verify.out());
        assertTrue(doc.get("valid").asBoolean());
        assertEquals(50, doc.at("/header/counts/nodes").asLong());
        assertEquals(49, doc.at("/header/counts/relationships").asLong());
        assertEquals(1, doc.at("/header/counts/constraints").asLong());
        assertEquals("", verify.err(), "nothing is started or contacted");
    }

    @Test
    @DisplayName("restore into a database that holds anything refuses with exit 11, says how to replace, and changes nothing")
    void nonEmptyTarget() throws IOException {
        Path file = backupOfSmallGraph();
        neo4j.reset();
        neo4j.query("CREATE (:Precious {keep: true})");

        CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", file.toString());

        assertEquals(11, restore.exitCode(), restore::toString);
        assertTrue(restore.err().contains("not empty") && restore.err().contains("--replace --yes"), restore::toString);
        assertEquals(1, neo4j.count("MATCH (n) RETURN count(n)"));

        neo4j.reset();
        neo4j.query("CREATE INDEX lonely FOR (n:X) ON (n.y)");
        CliRun indexOnly = CliRun.run(neo4j.env(), "backup", "restore", file.toString());
        assertEquals(11, indexOnly.exitCode(), "an index alone makes a database non-empty: " + indexOnly);
    }

    @Test
    @DisplayName("--replace without --yes refuses (exit 11); with --yes it replaces everything and verifies")
    void replace() throws IOException {
        Path file = backupOfSmallGraph();
        neo4j.reset();
        neo4j.query("CREATE (:Precious {keep: true})");
        neo4j.query("CREATE CONSTRAINT other FOR (p:Precious) REQUIRE p.keep IS UNIQUE");

        CliRun unconfirmed = CliRun.run(neo4j.env(), "backup", "restore", file.toString(), "--replace");
        assertEquals(11, unconfirmed.exitCode(), unconfirmed::toString);
        assertTrue(unconfirmed.err().contains("--yes"), unconfirmed::toString);
        assertEquals(1, neo4j.count("MATCH (p:Precious) RETURN count(p)"));

        CliRun confirmed = CliRun.run(neo4j.env(), "backup", "restore", file.toString(), "--replace", "--yes");
        assertEquals(0, confirmed.exitCode(), confirmed::toString);
        assertEquals(0, neo4j.count("MATCH (p:Precious) RETURN count(p)"));
        assertEquals(50, neo4j.count("MATCH (t:Thing) RETURN count(t)"));
        assertEquals(49, neo4j.count("MATCH (:Thing)-[r:NEXT]->(:Thing) RETURN count(r)"));
        assertEquals(List.of("thing_id"), neo4j.constraintNames());
    }

    @Test
    @DisplayName("create never overwrites: a second backup in the same second reports the existing file (exit 9 in the CLI)")
    void neverOverwrites() throws IOException {
        smallGraph();
        Clock frozen = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
        BackupWriter writer = new BackupWriter(neo4j.driver(), "neo4j", "5.26", "test", line -> { }, frozen);

        CreateResult first = writer.create(backups);
        CreateResult.Created created = assertInstanceOf(CreateResult.Created.class, first);
        assertEquals("neo4j-20250102T030405Z.ssbak", created.file().getFileName().toString());
        byte[] original = Files.readAllBytes(created.file());
        neo4j.query("CREATE (:Later)");

        CreateResult second = writer.create(backups);

        assertInstanceOf(CreateResult.Exists.class, second);
        assertTrue(java.util.Arrays.equals(original, Files.readAllBytes(created.file())), "the file is untouched");
        try (Stream<Path> files = Files.list(backups)) {
            assertEquals(List.of(created.file()), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    @DisplayName("list shows backups newest first with counts and history head; prune keeps the newest N verified by "
            + "header time and leaves files that do not verify alone")
    void listAndPrune() throws IOException {
        smallGraph();
        for (String t : new String[] {"2025-01-01T00:00:00Z", "2025-03-01T00:00:00Z", "2025-02-01T00:00:00Z"}) {
            Clock at = Clock.fixed(Instant.parse(t), ZoneOffset.UTC);
            assertInstanceOf(CreateResult.Created.class,
                    new BackupWriter(neo4j.driver(), "neo4j", "5.26", "test", l -> { }, at).create(backups));
        }
        Files.writeString(backups.resolve("neo4j-20240101T000000Z.dump"), "an old offline dump");
        Files.writeString(backups.resolve("neo4j-20200101T000000Z.ssbak"), "garbage, not a backup");
        Files.writeString(backups.resolve("notes.txt"), "not a backup");

        CliRun list = CliRun.run(Map.of(), "backup", "list", backups.toString(), "--output", "json");
        assertEquals(0, list.exitCode(), list::toString);
        JsonNode listed = JSON.readTree(list.out()).get("backups");
        assertEquals(List.of("neo4j-20250301T000000Z.ssbak", "neo4j-20250201T000000Z.ssbak",
                "neo4j-20250101T000000Z.ssbak", "neo4j-20240101T000000Z.dump", "neo4j-20200101T000000Z.ssbak"),
                names(listed));
        assertEquals(50, listed.get(0).at("/header/counts/nodes").asLong());
        assertTrue(listed.get(4).get("problem").isTextual(), "the garbage file is reported as unreadable");
        CliRun table = CliRun.run(Map.of("STATESTORE_BACKUP_DIR", backups.toString()), "backup", "list");
        assertTrue(table.out().contains("UNREADABLE") && table.out().contains("5 backups"), table::toString);

        CliRun dry = CliRun.run(Map.of(), "backup", "prune", "--keep", "2", backups.toString(), "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.out().contains("would delete " + backups.resolve("neo4j-20250101T000000Z.ssbak")), dry::toString);
        assertEquals(6, count(backups), "a dry run deletes nothing");

        CliRun prune = CliRun.run(Map.of(), "backup", "prune", "--keep", "2", backups.toString());
        assertEquals(0, prune.exitCode(), prune::toString);
        assertTrue(prune.out().contains("deleted " + backups.resolve("neo4j-20250101T000000Z.ssbak")), prune::toString);
        assertTrue(Files.exists(backups.resolve("neo4j-20250301T000000Z.ssbak")));
        assertTrue(Files.exists(backups.resolve("neo4j-20250201T000000Z.ssbak")));
        assertFalse(Files.exists(backups.resolve("neo4j-20250101T000000Z.ssbak")));
        // Neo4j's admin tool cannot read the text file named like a dump: not verified, so neither counted nor deleted.
        assertTrue(Files.exists(backups.resolve("neo4j-20240101T000000Z.dump")), "an unverified dump is left alone");
        assertTrue(prune.err().contains("left alone: " + backups.resolve("neo4j-20240101T000000Z.dump")), prune::toString);
        assertTrue(Files.exists(backups.resolve("neo4j-20200101T000000Z.ssbak")), "unreadable files are left alone");
        assertTrue(Files.exists(backups.resolve("notes.txt")), "other files are left alone");
    }

    @Test
    @DisplayName("bad input gets one line and a documented code: missing file 10, a dump without --offline 2, --keep 0 2")
    void badInput() {
        CliRun missing = CliRun.run(Map.of(), "backup", "verify", backups.resolve("nope.ssbak").toString());
        assertEquals(10, missing.exitCode(), missing::toString);
        CliRun dump = CliRun.run(neo4j.env(), "backup", "restore", backups.resolve("neo4j-x.dump").toString());
        assertEquals(2, dump.exitCode(), dump::toString);
        assertTrue(dump.err().contains("--offline"), dump::toString);
        CliRun keep = CliRun.run(Map.of(), "backup", "prune", "--keep", "0", backups.toString());
        assertEquals(2, keep.exitCode(), keep::toString);
        CliRun noDir = CliRun.run(Map.of(), "backup", "list", backups.resolve("absent").toString());
        assertEquals(10, noDir.exitCode(), noDir::toString);
        for (CliRun r : List.of(missing, dump, keep, noDir)) {
            assertEquals(1, r.errLines(), () -> "one line on stderr: " + r);
        }
    }

    private static List<String> names(JsonNode backups) {
        return java.util.stream.StreamSupport.stream(backups.spliterator(), false).map(b -> b.get("name").asText())
                .toList();
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static List<String> decompress(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes, 0,
                bytes.length - BackupFormat.TRAILER_LENGTH))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Writes a file with the given header and body lines and a correct checksum trailer. */
    private static void rewrite(Path file, String header, List<String> body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream h = new GZIPOutputStream(out)) {
            h.write((header + "\n").getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream bodyOut = new ByteArrayOutputStream();
        try (GZIPOutputStream b = new GZIPOutputStream(bodyOut)) {
            b.write((String.join("\n", body) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write(bodyOut.toByteArray());
        byte[] content = out.toByteArray();
        String trailer;
        try {
            trailer = "SSBAK-SHA256 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))
                    + "\n";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(trailer.getBytes(StandardCharsets.US_ASCII));
        Files.write(file, out.toByteArray());
    }
}
