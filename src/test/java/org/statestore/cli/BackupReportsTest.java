package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.statestore.backup.BackupCounts;
import org.statestore.backup.BackupHeader;
import org.statestore.backup.CreateResult;
import org.statestore.backup.HistoryHead;
import org.statestore.backup.RestoreResult;
import org.statestore.backup.VerifyResult;
import org.statestore.backup.internal.BackupFormat;
import org.statestore.backup.internal.CatalogEntry;
import org.statestore.backup.internal.OfflineResult;
import org.statestore.backup.internal.PruneResult;

@DisplayName("Backup results as reports, without a database")
class BackupReportsTest {

    private static final String ESC = "\u001b[2J";
    private static final String ESCAPED = "\\u001b[2J";
    private static final Path FILE = Path.of("/b/neo4j-20250101T020000Z.ssbak");
    private static final Path DUMP = Path.of("/b/neo4j-20240101T000000Z.dump");
    private static final Path DIR = Path.of("/b");
    private static final BackupHeader HEADER = new BackupHeader(BackupFormat.FORMAT_VERSION, "1.0.0", "5.26.0", "neo4j",
            Instant.parse("2025-01-01T02:00:00Z"), new BackupCounts(3, 2, 1, 0), 0,
            Optional.of(new HistoryHead("0.4.0", 7)), "v1:" + "0".repeat(64), "one transaction");
    private static final String DESCRIBED = "database neo4j taken 2025-01-01 02:00:00Z from Neo4j 5.26.0 (3 nodes, "
            + "2 relationships, 1 constraints, 0 indexes; history head 0.4.0 (entry 7))";
    private static final CatalogEntry ONLINE = new CatalogEntry(FILE, CatalogEntry.Kind.ONLINE,
            Optional.of(HEADER.createdAt()), 1434, Optional.of(HEADER), Optional.empty());
    private static final CatalogEntry OFFLINE = new CatalogEntry(DUMP, CatalogEntry.Kind.OFFLINE,
            Optional.of(Instant.parse("2024-01-01T00:00:00Z")), 512, Optional.empty(), Optional.empty());
    private static final CatalogEntry UNREADABLE = new CatalogEntry(Path.of("/b/neo4j-20200101T000000Z.ssbak"),
            CatalogEntry.Kind.ONLINE, Optional.empty(), 12, Optional.empty(), Optional.of("not a backup " + ESC));

    private static List<String> names(Report r) {
        return List.copyOf(r.fields().keySet());
    }

    /** A failure has its one error line and nothing else. */
    private static void assertFailed(ExitCode code, String error, Report r) {
        assertEquals(code, r.exitCode());
        assertEquals(error, r.error().orElseThrow());
        assertEquals(List.of(), names(r));
        assertEquals(List.of(), r.text());
        assertEquals(List.of(), r.warnings());
    }

    private static BackupHeader header(String database, long skipped) {
        return new BackupHeader(HEADER.formatVersion(), HEADER.toolVersion(), HEADER.serverVersion(), database,
                HEADER.createdAt(), HEADER.counts(), skipped, HEADER.historyHead(), HEADER.contentDigest(),
                HEADER.consistency());
    }

    @Nested
    @DisplayName("backup create")
    class Create {

        @Test
        @DisplayName("a backup names the file, its size and what it holds; JSON has file, sizeBytes, elapsedMs, header")
        void created() {
            Report r = BackupReports.created(new CreateResult.Created(FILE, HEADER, 1434, Duration.ofMillis(80)));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("created " + FILE + " (1.4 KiB): " + DESCRIBED), r.text());
            assertEquals(List.of("file", "sizeBytes", "elapsedMs", "header"), names(r));
            assertEquals(FILE.toString(), r.fields().get("file"));
            assertEquals(1434L, r.fields().get("sizeBytes"));
            assertEquals(80L, r.fields().get("elapsedMs"));
            assertEquals(HEADER.toPrintableMap(), r.fields().get("header"));
        }

        @Test
        @DisplayName("relationships left out during the backup get a note line")
        void skippedRelationships() {
            Report r = BackupReports.created(new CreateResult.Created(FILE, header("neo4j", 4), 1434, Duration.ZERO));
            assertEquals("note: 4 relationships created during the backup were left out (their endpoint was not "
                    + "captured)", r.text().get(1));
        }

        @Test
        @DisplayName("an existing file exits 9 and says one backup per database per second")
        void exists() {
            assertFailed(ExitCode.EXISTS, FILE + " already exists; nothing was written (one backup per database per "
                    + "second)", BackupReports.created(new CreateResult.Exists(FILE)));
        }

        @Test
        @DisplayName("a lost migration lock exits 5 and asks for another run")
        void guardLost() {
            assertFailed(ExitCode.LOCK_TIMEOUT, "the lock was taken over; nothing was written: run the backup again",
                    BackupReports.created(new CreateResult.GuardLost("the lock was taken over")));
        }

        @Test
        @DisplayName("content the format cannot carry exits 11, its reason escaped")
        void refused() {
            assertFailed(ExitCode.REFUSED, "cannot back up: property " + ESCAPED,
                    BackupReports.created(new CreateResult.Refused("property " + ESC)));
        }

        @Test
        @DisplayName("a wait for the migration lock that runs out exits 5")
        void lockTimeout() {
            assertFailed(ExitCode.LOCK_TIMEOUT, "held by migrate up (pid 4242); nothing was written",
                    BackupReports.lockTimeout("held by migrate up (pid 4242)"));
        }

        @Test
        @DisplayName("an unknown result is a bug, not a blind cast")
        void unmapped() {
            assertThrows(IllegalStateException.class, () -> BackupReports.created(null));
        }
    }

    @Nested
    @DisplayName("backup create --offline")
    class Dump {

        @Test
        @DisplayName("a dump names the file, its size, the database and the absolute store directory")
        void dumped() {
            Report r = BackupReports.dumped(new OfflineResult.Dumped(DUMP, 512, Duration.ofMillis(9)),
                    Path.of("/srv/data/../store"), "neo4j");
            assertEquals(List.of("created " + DUMP + " (512 B): Neo4j dump of database neo4j from /srv/store"), r.text());
            assertEquals(List.of("file", "sizeBytes", "elapsedMs", "format"), names(r));
            assertEquals("neo4j-dump", r.fields().get("format"));
        }

        @Test
        @DisplayName("an existing file exits 9, a running store 11, a missing database 10, the tool's failure 1")
        void failures() {
            Path data = Path.of("/srv/store");
            assertFailed(ExitCode.EXISTS, DUMP + " already exists; nothing was written",
                    BackupReports.dumped(new OfflineResult.Exists(DUMP), data, "neo4j"));
            assertFailed(ExitCode.REFUSED, "the store is in use",
                    BackupReports.dumped(new OfflineResult.Refused("the store is in use"), data, "neo4j"));
            assertFailed(ExitCode.NOT_FOUND, "no database neo4j",
                    BackupReports.dumped(new OfflineResult.NotFound("no database neo4j"), data, "neo4j"));
            assertFailed(ExitCode.INTERNAL, "neo4j-admin: " + ESCAPED,
                    BackupReports.dumped(new OfflineResult.Failed("neo4j-admin: " + ESC), data, "neo4j"));
        }

        @Test
        @DisplayName("a load's or a description's result is a bug in a dump")
        void unmapped() {
            assertThrows(IllegalStateException.class, () -> BackupReports.dumped(new OfflineResult.Loaded(DUMP, DIR,
                    Duration.ZERO), DIR, "neo4j"));
            assertThrows(IllegalStateException.class, () -> BackupReports.dumped(new OfflineResult.Described(DUMP, 1,
                    "info"), DIR, "neo4j"));
        }
    }

    @Nested
    @DisplayName("backup verify")
    class Verify {

        @Test
        @DisplayName("a valid backup says ok with its size and header; JSON has file, valid, sizeBytes, sha256, header")
        void valid() {
            Report r = BackupReports.verified(new VerifyResult.Valid(FILE, HEADER, 1434, "ab12"));
            assertEquals(List.of("ok: " + FILE + " (1.4 KiB): " + DESCRIBED), r.text());
            assertEquals(List.of("file", "valid", "sizeBytes", "sha256", "header"), names(r));
            assertEquals(true, r.fields().get("valid"));
            assertEquals("ab12", r.fields().get("sha256"));
        }

        @Test
        @DisplayName("the header's text from the file is escaped in the line and in JSON")
        void escapesTheHeader() {
            Report r = BackupReports.verified(new VerifyResult.Valid(FILE, header("db" + ESC, 0), 10));
            assertTrue(r.text().get(0).startsWith("ok: " + FILE + " (10 B): database db" + ESCAPED + " taken "),
                    r.text().get(0));
            @SuppressWarnings("unchecked")
            Map<String, Object> header = (Map<String, Object>) r.fields().get("header");
            assertEquals("db" + ESCAPED, header.get("database"));
        }

        @Test
        @DisplayName("an invalid file exits 6 with the reason, escaped")
        void invalid() {
            assertFailed(ExitCode.VALIDATION, FILE + " is not a valid backup: checksum " + ESCAPED,
                    BackupReports.verified(new VerifyResult.Invalid(FILE, "checksum " + ESC)));
        }

        @Test
        @DisplayName("a missing file exits 10")
        void missing() {
            assertFailed(ExitCode.NOT_FOUND, "no backup file " + FILE, BackupReports.verified(new VerifyResult.Missing(FILE)));
        }

        @Test
        @DisplayName("an unknown result is a bug")
        void unmapped() {
            assertThrows(IllegalStateException.class, () -> BackupReports.verified(null));
        }

        @Test
        @DisplayName("a dump Neo4j reads says ok with what the tool printed; JSON has file, valid, sizeBytes, neo4jInfo")
        void described() {
            Report r = BackupReports.described(new OfflineResult.Described(DUMP, 512, "Database: neo4j"));
            assertEquals(List.of("ok: " + DUMP + " (512 B): Neo4j reads it: Database: neo4j"), r.text());
            assertEquals(List.of("file", "valid", "sizeBytes", "neo4jInfo"), names(r));
        }

        @Test
        @DisplayName("a dump the tool cannot read exits 6; a missing one 10")
        void dumpFailures() {
            assertFailed(ExitCode.VALIDATION, "not a dump", BackupReports.described(new OfflineResult.Failed("not a dump")));
            assertFailed(ExitCode.NOT_FOUND, "no file", BackupReports.described(new OfflineResult.NotFound("no file")));
            assertFailed(ExitCode.EXISTS, DUMP + " already exists; nothing was written",
                    BackupReports.described(new OfflineResult.Exists(DUMP)));
            assertFailed(ExitCode.REFUSED, "in use", BackupReports.described(new OfflineResult.Refused("in use")));
        }

        @Test
        @DisplayName("a dump's result is a bug when describing")
        void describedUnmapped() {
            assertThrows(IllegalStateException.class, () -> BackupReports.described(new OfflineResult.Dumped(DUMP, 1,
                    Duration.ZERO)));
        }
    }

    @Nested
    @DisplayName("backup restore")
    class Restore {

        @Test
        @DisplayName("a file that fails verification exits 6 and says nothing was written")
        void invalid() {
            assertFailed(ExitCode.VALIDATION, FILE + " failed verification, nothing was written: truncated",
                    BackupReports.unrestorable(new VerifyResult.Invalid(FILE, "truncated")));
        }

        @Test
        @DisplayName("a missing file exits 10")
        void missing() {
            assertFailed(ExitCode.NOT_FOUND, "no backup file " + FILE,
                    BackupReports.unrestorable(new VerifyResult.Missing(FILE)));
        }

        @Test
        @DisplayName("a valid file has no refusal: asking for one is a bug")
        void validIsUnmapped() {
            assertThrows(IllegalStateException.class, () -> BackupReports.unrestorable(new VerifyResult.Valid(FILE,
                    HEADER, 1)));
        }

        @Test
        @DisplayName("--replace without --yes exits 11")
        void replaceUnconfirmed() {
            assertFailed(ExitCode.REFUSED, "--replace deletes everything in the target database before restoring: add "
                    + "--yes to confirm", BackupReports.replaceUnconfirmed());
        }

        @Test
        @DisplayName("a restore names the counts and the time; JSON has file, elapsedMs, verified, header")
        void restored() {
            Report r = BackupReports.restored(new RestoreResult.Restored(FILE, HEADER, Duration.ofMillis(120)));
            assertEquals(List.of("restored " + FILE + " (3 nodes, 2 relationships, 1 constraints, 0 indexes) in 120 ms; "
                    + "read back: counts, constraints, indexes and content digest match the backup"), r.text());
            assertEquals(List.of("file", "elapsedMs", "verified", "header"), names(r));
            assertEquals(true, r.fields().get("verified"));
        }

        @Test
        @DisplayName("a database that holds data exits 11 with the restorer's reason")
        void refused() {
            assertFailed(ExitCode.REFUSED, "the database is not empty",
                    BackupReports.restored(new RestoreResult.Refused("the database is not empty")));
        }

        @Test
        @DisplayName("a mismatch exits 6 and says how to start over, once")
        void mismatch() {
            assertFailed(ExitCode.VALIDATION, "restore did not verify: 2 nodes, not 3; the database holds what was "
                    + "written: restore again with --replace --yes",
                    BackupReports.restored(new RestoreResult.Mismatch("2 nodes, not 3")));
            assertFailed(ExitCode.VALIDATION, "restore did not verify: the file changed; run with --replace",
                    BackupReports.restored(new RestoreResult.Mismatch("the file changed; run with --replace")));
        }

        @Test
        @DisplayName("an unknown result is a bug")
        void unmapped() {
            assertThrows(IllegalStateException.class, () -> BackupReports.restored(null));
        }

        @Test
        @DisplayName("an offline load names the database and the store; JSON has file, dataDir, database, elapsedMs")
        void loaded() {
            Report r = BackupReports.loaded(new OfflineResult.Loaded(DUMP, Path.of("/srv/store"), Duration.ZERO), "neo4j");
            assertEquals(List.of("loaded " + DUMP + " as database neo4j into /srv/store"), r.text());
            assertEquals(List.of("file", "dataDir", "database", "elapsedMs"), names(r));
            assertEquals("neo4j", r.fields().get("database"));
        }

        @Test
        @DisplayName("an offline load that is refused exits 11; a dump's result is a bug")
        void loadFailures() {
            assertFailed(ExitCode.REFUSED, "holds a database", BackupReports.loaded(new OfflineResult.Refused(
                    "holds a database"), "neo4j"));
            assertThrows(IllegalStateException.class, () -> BackupReports.loaded(new OfflineResult.Dumped(DUMP, 1,
                    Duration.ZERO), "neo4j"));
        }
    }

    @Nested
    @DisplayName("failures reading files")
    class FileFailures {

        @Test
        @DisplayName("an I/O error exits 1 with its message, escaped")
        void ioFailure() {
            assertFailed(ExitCode.INTERNAL, "cannot read " + ESCAPED, BackupReports.ioFailure(new UncheckedIOException(
                    "cannot read " + ESC, new AccessDeniedException("/b"))));
        }

        @Test
        @DisplayName("an unreadable directory exits 1 naming the exception, as any unexpected one")
        void unreadable() {
            assertFailed(ExitCode.INTERNAL, "internal error: java.nio.file.AccessDeniedException: /b",
                    BackupReports.unreadable(new AccessDeniedException("/b")));
        }

        @Test
        @DisplayName("a missing directory exits 10")
        void noDirectory() {
            assertFailed(ExitCode.NOT_FOUND, "no backup directory /b", BackupReports.noDirectory(DIR));
        }
    }

    @Nested
    @DisplayName("backup list")
    class ListBackups {

        @Test
        @DisplayName("the table has a column per field, '-' where a dump or an unreadable file has none, then a count")
        void table() {
            Report r = BackupReports.list(DIR, List.of(ONLINE, OFFLINE, UNREADABLE));
            assertEquals(List.of(
                    "NAME                          KIND     TIME                  SIZE     NODES  RELS  CONSTRAINTS  "
                            + "INDEXES  HISTORY HEAD",
                    "neo4j-20250101T020000Z.ssbak  online   2025-01-01 02:00:00Z  1.4 KiB  3      2     1            "
                            + "0        0.4.0 (entry 7)",
                    "neo4j-20240101T000000Z.dump   offline  2024-01-01 00:00:00Z  512 B    -      -     -            "
                            + "-        -",
                    "neo4j-20200101T000000Z.ssbak  online   -                     12 B     -      -     -            "
                            + "-        UNREADABLE: not a backup " + ESCAPED,
                    "3 backups in /b"), r.text());
            assertEquals(List.of("directory", "backups"), names(r));
        }

        @Test
        @DisplayName("an empty directory has the header row and a count of 0")
        void empty() {
            Report r = BackupReports.list(DIR, List.of());
            assertEquals(List.of("NAME  KIND  TIME  SIZE  NODES  RELS  CONSTRAINTS  INDEXES  HISTORY HEAD",
                    "0 backups in /b"), r.text());
            assertEquals(List.of(), r.fields().get("backups"));
        }

        @Test
        @DisplayName("a backup with no history head shows 'none'")
        void noHistoryHead() {
            BackupHeader bare = new BackupHeader(1, "1", "5", "neo4j", HEADER.createdAt(), HEADER.counts(), 0,
                    Optional.empty(), HEADER.contentDigest(), "");
            List<String> lines = BackupReports.table(List.of(new CatalogEntry(FILE, CatalogEntry.Kind.ONLINE,
                    Optional.of(HEADER.createdAt()), 10, Optional.of(bare), Optional.empty())));
            assertEquals("none", lines.get(1).substring(lines.get(1).lastIndexOf(' ') + 1));
        }

        @Test
        @DisplayName("an entry's JSON has file, name, kind, time, sizeBytes, header and problem, every text escaped")
        void entry() {
            Map<String, Object> m = BackupReports.entry(UNREADABLE);
            assertEquals(List.of("file", "name", "kind", "time", "sizeBytes", "header", "problem"), List.copyOf(m.keySet()));
            assertEquals("online", m.get("kind"));
            assertEquals(null, m.get("time"));
            assertEquals("not a backup " + ESCAPED, m.get("problem"));
            Map<String, Object> dump = BackupReports.entry(OFFLINE);
            assertEquals("offline", dump.get("kind"));
            assertEquals("2024-01-01T00:00:00Z", dump.get("time"));
            assertEquals("neo4j-20240101T000000Z.dump", dump.get("name"));
        }
    }

    @Nested
    @DisplayName("backup prune")
    class Prune {

        private final CatalogEntry skipped = new CatalogEntry(DUMP, CatalogEntry.Kind.OFFLINE, OFFLINE.time(), 512,
                Optional.empty(), Optional.of("not verified: " + ESC));

        @Test
        @DisplayName("a run lists each file deleted, then the counts; each file left alone is a warning")
        void pruned() {
            Report r = BackupReports.pruned(new PruneResult(List.of(ONLINE), List.of(ONLINE), List.of(skipped), false),
                    DIR, 1);
            assertEquals(List.of("deleted " + FILE, "kept 1, deleted 1, left alone 1 (not verified) in /b"), r.text());
            assertEquals(List.of("left alone: " + DUMP + ": not verified: " + ESCAPED), r.warnings());
            assertEquals(List.of("directory", "dryRun", "keep", "kept", "deleted", "skipped"), names(r));
            assertEquals(false, r.fields().get("dryRun"));
            assertEquals(1, r.fields().get("keep"));
        }

        @Test
        @DisplayName("a dry run says what it would delete")
        void dryRun() {
            Report r = BackupReports.pruned(new PruneResult(List.of(), List.of(ONLINE), List.of(), true), DIR, 3);
            assertEquals(List.of("would delete " + FILE, "dry run: would keep 0, would delete 1, left alone 0 (not "
                    + "verified) in /b"), r.text());
            assertEquals(List.of(), r.warnings());
            assertEquals(true, r.fields().get("dryRun"));
        }

        @Test
        @DisplayName("a file left alone without a reason is 'not verified'")
        void noReason() {
            Report r = BackupReports.pruned(new PruneResult(List.of(), List.of(), List.of(OFFLINE), false), DIR, 1);
            assertEquals(List.of("left alone: " + DUMP + ": not verified"), r.warnings());
        }

        @Test
        @DisplayName("a dump counts when Neo4j reads it; otherwise the tool's reason; a dump or load result is a bug")
        void dumpProblem() {
            assertEquals(Optional.empty(), BackupReports.dumpProblem(new OfflineResult.Described(DUMP, 1, "ok")));
            assertEquals(Optional.of("bad"), BackupReports.dumpProblem(new OfflineResult.Failed("bad")));
            assertEquals(Optional.of("gone"), BackupReports.dumpProblem(new OfflineResult.NotFound("gone")));
            assertEquals(Optional.of("in use"), BackupReports.dumpProblem(new OfflineResult.Refused("in use")));
            assertThrows(IllegalStateException.class, () -> BackupReports.dumpProblem(new OfflineResult.Exists(DUMP)));
        }
    }
}
