package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.statestore.alchemiscale.CheckReport;
import org.statestore.alchemiscale.internal.ReleaseTargets;
import org.statestore.backup.BackupCounts;
import org.statestore.migrate.Version;
import org.statestore.upgrade.internal.StoreUpgrade;
import org.statestore.upgrade.internal.UpgradeCheck;
import org.statestore.upgrade.internal.UpgradeFailure;

@DisplayName("Upgrade results as reports, without a database")
class UpgradeReportsTest {

    private static final Version V040 = Version.parse("0.4.0");
    private static final Path DUMP = Path.of("/dumps/neo4j-44.dump");

    private static List<String> names(Report r) {
        return List.copyOf(r.fields().keySet());
    }

    private static UpgradeFailure failure(UpgradeFailure.Kind kind, String message) {
        return new UpgradeFailure(kind, "check input", message);
    }

    private static void assertFailed(ExitCode code, String error, Report r) {
        assertEquals(code, r.exitCode());
        assertEquals(error, r.error().orElseThrow());
        assertEquals(List.of(), names(r));
        assertEquals(List.of(), r.text());
    }

    @Test
    @DisplayName("a bad dump exits 6, a refusal 11, a failed step 7")
    void exitCodes() {
        assertEquals(ExitCode.VALIDATION, UpgradeReports.exitCode(failure(UpgradeFailure.Kind.BAD_INPUT, "x")));
        assertEquals(ExitCode.REFUSED, UpgradeReports.exitCode(failure(UpgradeFailure.Kind.REFUSED, "x")));
        assertEquals(ExitCode.UNIT_FAILED, UpgradeReports.exitCode(failure(UpgradeFailure.Kind.STEP_FAILED, "x")));
    }

    @Nested
    @DisplayName("upgrade check")
    class Check {

        private UpgradeCheck.Report report(boolean converts, Optional<Version> target) {
            Map<String, Long> times = new LinkedHashMap<>();
            times.put("Task.datetime_created", 12L);
            times.put("Network.created", 3L);
            return new UpgradeCheck.Report("AF4.3.0", "4.3", 5, "v0.3", 4, 2, times, converts, 6, converts, 3, target,
                    UpgradeCheck.Ways.of(DUMP, target, "5.26.30"));
        }

        private static final String UPGRADE = "statestore upgrade store --from-dump " + DUMP;

        @Test
        @DisplayName("the text names each finding on an aligned line, the result and the next command")
        void text() {
            Report r = UpgradeReports.checked(report(true, Optional.empty()));
            Version newest = ReleaseTargets.newest().target();
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of(
                    "store format:             AF4.3.0 (Neo4j 4.3), needs migration to Neo4j 5",
                    "BTREE indexes to convert: 5",
                    "alchemiscale shape:       v0.3",
                    "networks without a mark:  2 of 4",
                    "LocalDateTime to convert: Task.datetime_created 12",
                    "LocalDateTime to convert: Network.created 3",
                    "without failure_times:    6 compute service registration(s), given []",
                    "identities:               3",
                    "the result:               " + ServedReleases.text(newest, false),
                    "next (running Neo4j 5):   " + UPGRADE + " --into bolt://HOST:7687   (an empty database; any 5.x "
                            + "or calendar version)",
                    "next (embedded Neo4j):    " + UPGRADE + " --data-dir <new store directory>, then statestore "
                            + "server --data-dir <new store directory>",
                    "next (neo4j-admin load):  " + UPGRADE + " --data-dir <new store directory> --to-dump "
                            + "neo4j-5.dump   (the dump loads into Neo4j 5.26 or newer only)"),
                    r.text());
        }

        @Test
        @DisplayName("JSON names the way to each kind of target: --into a running server, --data-dir for the "
                + "embedded one, --to-dump for neo4j-admin load of 5.26 or newer; next stays the --data-dir way")
        void ways() {
            Report r = UpgradeReports.checked(report(false, Optional.of(V040)));
            assertEquals(Map.of("into", UPGRADE + " --into bolt://HOST:7687 --target 0.4.0",
                    "dataDir", UPGRADE + " --data-dir <new store directory> --target 0.4.0",
                    "toDump", UPGRADE + " --data-dir <new store directory> --to-dump neo4j-5.dump --target 0.4.0",
                    "dumpLoadsIntoNeo4j", "5.26 or newer"), r.fields().get("ways"));
            assertEquals(UPGRADE + " --data-dir <new store directory> --target 0.4.0", r.fields().get("next"));
        }

        @Test
        @DisplayName("JSON has every finding in the documented order, and the release the result serves")
        void json() {
            Report r = UpgradeReports.checked(report(true, Optional.empty()));
            assertEquals(List.of("storeFormat", "formatIntroducedIn", "btreeIndexesToConvert", "shape", "networks",
                    "networksWithoutMark", "localDateTimes", "convertsLocalDateTimes", "localDateTimesToConvert",
                    "registrationsWithoutFailureTimes", "addsFailureTimes", "identities", "target", "alchemiscale",
                    "next", "ways"), names(r));
            assertEquals(r.fields().get("localDateTimes"), r.fields().get("localDateTimesToConvert"));
            assertEquals(null, r.fields().get("target"));
            assertEquals(ServedReleases.json(ReleaseTargets.newest().target()), r.fields().get("alchemiscale"));
        }

        @Test
        @DisplayName("a target before the time conversion keeps the LocalDateTimes and the registrations as they are")
        void targeted() {
            Report r = UpgradeReports.checked(report(false, Optional.of(V040)));
            assertEquals("LocalDateTime kept:       Task.datetime_created 12", r.text().get(4));
            assertEquals("without failure_times:    6 compute service registration(s), kept as they are",
                    r.text().get(6));
            assertEquals("the result:               " + ServedReleases.text(V040, true), r.text().get(8));
            assertEquals(Map.of(), r.fields().get("localDateTimesToConvert"));
            assertEquals("0.4.0", r.fields().get("target"));
            assertEquals(ServedReleases.json(V040), r.fields().get("alchemiscale"));
        }

        @Test
        @DisplayName("a failed check exits with its kind's code and the step's message")
        void failed() {
            assertFailed(ExitCode.VALIDATION, "check input: " + DUMP + " is not a file",
                    UpgradeReports.checkFailed(failure(UpgradeFailure.Kind.BAD_INPUT, DUMP + " is not a file")));
        }
    }

    @Nested
    @DisplayName("upgrade store")
    class Store {

        private static final Path KEPT = Path.of("/srv/new/../store");
        private static final StoreUpgrade.WrittenDump WRITTEN = new StoreUpgrade.WrittenDump(Path.of("/srv/neo4j-5.dump"),
                "5.26.30");
        private static final StoreUpgrade.Restored RESTORED = new StoreUpgrade.Restored(
                "bolt://db:7687 (Neo4j 5.18.1 community, database neo4j)", "5.18.1", "neo4j",
                new BackupCounts(170, 190, 4, 1), Optional.of(V040));

        private StoreUpgrade.Report done(Optional<Path> dataDir, Optional<StoreUpgrade.WrittenDump> toDump,
                                         Optional<StoreUpgrade.Restored> into) {
            return new StoreUpgrade.Report(List.of("check input", "load dump"),
                    List.of(Duration.ofMillis(4), Duration.ofMillis(1500)), Optional.of(V040), new CheckReport(List.of()),
                    dataDir, toDump, into);
        }

        @Test
        @DisplayName("the text has each step's time, where the store went and at which version, and how to serve it")
        void text() {
            Report r = UpgradeReports.stored(done(Optional.of(KEPT), Optional.empty(), Optional.empty()), DUMP, 1510, true);
            assertEquals(List.of(
                    String.format("%-55s %7d ms", "check input", 4),
                    String.format("%-55s %7d ms", "load dump", 1500),
                    "upgraded " + DUMP + " to /srv/store at version 0.4.0 in 1510 ms; database check and doctor passed",
                    ServedReleases.text(V040, true),
                    "next: statestore server --data-dir /srv/new/../store"), r.text());
        }

        @Test
        @DisplayName("JSON has stepsMs, totalMs, version, the absolute dataDir, the release served, toDump and into")
        void json() {
            Report r = UpgradeReports.stored(done(Optional.of(Path.of("/srv/store")), Optional.empty(), Optional.empty()),
                    DUMP, 1510, false);
            assertEquals(List.of("stepsMs", "totalMs", "version", "dataDir", "alchemiscale", "toDump", "into"), names(r));
            assertEquals(Map.of("check input", 4L, "load dump", 1500L), r.fields().get("stepsMs"));
            assertEquals(List.of("check input", "load dump"), List.copyOf(((Map<?, ?>) r.fields().get("stepsMs"))
                    .keySet()));
            assertEquals(1510L, r.fields().get("totalMs"));
            assertEquals("0.4.0", r.fields().get("version"));
            assertEquals("/srv/store", r.fields().get("dataDir"));
            assertEquals(null, r.fields().get("toDump"));
            assertEquals(null, r.fields().get("into"));
        }

        @Test
        @DisplayName("a --to-dump file is named with the Neo4j that wrote it and the oldest release that loads it, "
                + "pointing older 5.x servers at --into")
        void toDump() {
            Report r = UpgradeReports.stored(done(Optional.of(KEPT), Optional.of(WRITTEN), Optional.empty()), DUMP, 1510,
                    true);
            assertEquals("wrote /srv/neo4j-5.dump with the embedded Neo4j 5.26.30: it loads into Neo4j 5.26 or newer "
                    + "(neo4j-admin database load); older 5.x servers refuse it, use --into URL for them",
                    r.text().get(4));
            assertEquals(Map.of("file", "/srv/neo4j-5.dump", "writtenByNeo4j", "5.26.30", "loadsIntoNeo4j",
                    "5.26 or newer"), r.fields().get("toDump"));
            assertEquals("2025.10", new StoreUpgrade.WrittenDump(Path.of("x"), "2025.10.1").oldestLoader());
        }

        @Test
        @DisplayName("--into names the server, what was restored and checked there, that the scratch store is gone, "
                + "and what to start next")
        void into() {
            Report r = UpgradeReports.stored(done(Optional.empty(), Optional.empty(), Optional.of(RESTORED)), DUMP, 1510,
                    true);
            assertEquals(List.of(
                    String.format("%-55s %7d ms", "check input", 4),
                    String.format("%-55s %7d ms", "load dump", 1500),
                    "upgraded " + DUMP + " into bolt://db:7687 (Neo4j 5.18.1 community, database neo4j) at version "
                            + "0.4.0 in 1510 ms; restored 170 nodes, 190 relationships, 4 constraints, 1 indexes, read "
                            + "back and compared; database check and migrate info passed there",
                    ServedReleases.text(V040, true),
                    "the store was built in a scratch directory, now deleted (--data-dir DIR keeps it)",
                    "next: start alchemiscale against bolt://db:7687 (Neo4j 5.18.1 community, database neo4j)"),
                    r.text());
            assertEquals(null, r.fields().get("dataDir"));
            Map<?, ?> into = (Map<?, ?>) r.fields().get("into");
            assertEquals(List.of("target", "serverVersion", "database", "counts", "version"), List.copyOf(into.keySet()));
            assertEquals("5.18.1", into.get("serverVersion"));
            assertEquals(Map.of("nodes", 170L, "relationships", 190L, "constraints", 4L, "indexes", 1L),
                    into.get("counts"));
            assertEquals("0.4.0", into.get("version"));

            Report kept = UpgradeReports.stored(done(Optional.of(KEPT), Optional.empty(), Optional.of(RESTORED)), DUMP,
                    1510, true);
            assertEquals("the store built on the way is kept in /srv/store", kept.text().get(4));
            assertEquals("/srv/store", kept.fields().get("dataDir"));
        }

        @Test
        @DisplayName("without a version reached there is no release line and no alchemiscale field")
        void noVersion() {
            Report r = UpgradeReports.stored(new StoreUpgrade.Report(List.of(), List.of(), Optional.empty(),
                    new CheckReport(List.of()), Optional.of(Path.of("/srv/store")), Optional.empty(), Optional.empty()),
                    DUMP, 9, false);
            assertEquals(List.of("upgraded " + DUMP + " to /srv/store at version - in 9 ms; database check and doctor "
                    + "passed", "next: statestore server --data-dir /srv/store"), r.text());
            assertFalse(r.fields().containsKey("alchemiscale"));
            assertEquals(null, r.fields().get("version"));
        }

        @Test
        @DisplayName("--replace without --yes exits 11")
        void replaceUnconfirmed() {
            assertFailed(ExitCode.REFUSED, "--replace deletes everything in the data directory: add --yes to confirm",
                    UpgradeReports.replaceUnconfirmed());
        }

        @Test
        @DisplayName("a failed step says the dump was not changed, naming it once")
        void failed() {
            assertFailed(ExitCode.VALIDATION, "upgrade failed at step check input: " + DUMP + " is not a file (the dump "
                    + "was not changed)", UpgradeReports.storeFailed(failure(UpgradeFailure.Kind.BAD_INPUT,
                    DUMP + " is not a file"), DUMP));
            assertFailed(ExitCode.UNIT_FAILED, "upgrade failed at step load dump: neo4j-admin failed (the dump " + DUMP
                    + " was not changed)", UpgradeReports.storeFailed(new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED,
                    "load dump", "neo4j-admin failed"), DUMP));
        }
    }
}
