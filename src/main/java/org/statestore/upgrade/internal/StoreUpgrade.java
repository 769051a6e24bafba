package org.statestore.upgrade.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.alchemiscale.AlchemiscaleRelease;
import org.statestore.alchemiscale.CheckReport;
import org.statestore.alchemiscale.DoctorReport;
import org.statestore.alchemiscale.Finding;
import org.statestore.alchemiscale.internal.ReleaseTargets;
import org.statestore.backup.BackupCounts;
import org.statestore.backup.CreateResult;
import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UpResult;
import org.statestore.migrate.Version;
import org.statestore.migrate.internal.Targets;
import org.statestore.migrate.internal.UnitCatalog;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.internal.EmbeddedServer;
import org.statestore.neo4j.internal.Neo4jAdmin;
import org.statestore.progress.ProgressSink;

/**
 * {@code statestore upgrade store}: a Neo4j 4.4 dump of an alchemiscale v0.3 store to a checked Neo4j 5
 * store at the current schema, in one command. The dump is copied before Neo4j's tool reads it; the
 * target directory is either complete or carries an {@value #INCOMPLETE_MARKER} file until it is. With
 * {@link Request#into()} the result then goes into a running Neo4j 5 server of any version ({@link IntoServer}),
 * which is checked for emptiness before the long work starts.
 */
public final class StoreUpgrade {

    /** Present in a target directory whose upgrade has not finished. */
    public static final String INCOMPLETE_MARKER = "STATESTORE-UPGRADE-INCOMPLETE";

    /** Where, inside the data directory, the backup restored into the {@code --into} server is written. */
    public static final String BACKUP_DIR = "statestore-upgrade-backup";

    /** The prefix of the scratch directory an upgrade {@code --into} a server without a data directory builds in. */
    public static final String SCRATCH_PREFIX = "statestore-upgrade-scratch-";

    /**
     * What to upgrade and where.
     *
     * @param dump    the Neo4j 4.4 dump (read only)
     * @param dataDir the new store's directory (an embedded store home), empty or absent; kept afterwards. Empty only
     *                with {@code into}: the store is then built in a scratch directory that is deleted afterwards
     * @param replace start over in a non-empty {@code dataDir} (the caller has asked for confirmation)
     * @param toDump  also write a Neo4j 5 dump of the result here (must not exist)
     * @param target  the bundled unit to stop at (the alchemiscale release the store is for); empty for the newest
     * @param into    a running Neo4j 5 server whose (empty) database receives the result
     */
    public record Request(Path dump, Optional<Path> dataDir, boolean replace, Optional<Path> toDump,
                          Optional<Version> target, Optional<ConnectionSettings> into) {

        public Request {
            target.ifPresent(StoreUpgrade::checkTarget);
            if (dataDir.isEmpty() && into.isEmpty()) {
                throw new IllegalArgumentException("an upgrade needs a data directory, a server to go into, or both");
            }
            if (replace && dataDir.isEmpty()) {
                throw new IllegalArgumentException("replace needs a data directory");
            }
            if (into.filter(ConnectionSettings::isEmbedded).isPresent()) {
                throw new IllegalArgumentException("into names a server by its URL");
            }
        }
    }

    /** The lowest target: the upgrade exists to reach a v0.4+ store. */
    public static final Version LOWEST_TARGET = Version.parse("0.4.0");

    /** Why {@code target} cannot end an upgrade, if it cannot. */
    public static Optional<String> refuseTarget(Version target) {
        return target.compareTo(LOWEST_TARGET) < 0 ? Optional.of("--target " + target.text() + " is below "
                + LOWEST_TARGET.text() + ": the upgrade ends on an alchemiscale v0.4+ store (--target 0.4.0 for "
                + "v0.4.x to v0.6.x)") : Optional.empty();
    }

    /** The bundled units' versions: what an upgrade's target may name, known without any database. */
    public static List<Version> bundledVersions() {
        return new UnitCatalog(StoreUpgrade.class.getClassLoader())
                .load(StatestoreConfig.builder().build().locations(), List.of()).stream()
                .filter(u -> !(u instanceof RepeatableUnit))
                .map(Unit::version).toList();
    }

    /** Fails the "check input" step when {@code target} names no bundled unit (before anything is written). */
    static void requireBundled(Optional<Version> target) {
        target.flatMap(t -> Targets.problem(t, bundledVersions())).ifPresent(why -> {
            throw new UpgradeFailure(UpgradeFailure.Kind.BAD_INPUT, "check input", why);
        });
    }

    private static void checkTarget(Version target) {
        refuseTarget(target).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
    }

    /**
     * A Neo4j 5 dump the upgrade wrote ({@code --to-dump}), and the embedded Neo4j that wrote it: Neo4j's load takes
     * a dump only from its own release or an older one (5.18's refuses 5.26's with "Unknown serialization format
     * version: 0"), so the dump is for that release line or newer.
     */
    public record WrittenDump(Path file, String neo4jVersion) {

        /** The oldest release line whose {@code neo4j-admin database load} takes the dump: {@code 5.26} for 5.26.30. */
        public String oldestLoader() {
            return releaseLine(neo4jVersion);
        }
    }

    /** The release line of a Neo4j version: {@code 5.26} for 5.26.30, {@code 2025.10} for 2025.10.1. */
    static String releaseLine(String neo4jVersion) {
        String[] parts = neo4jVersion.split("\\.");
        return parts.length < 2 ? neo4jVersion : parts[0] + "." + parts[1];
    }

    /**
     * What went into the {@code --into} server, as read there after the restore's own read-back (counts, content
     * digest, schema) and {@code database check}.
     *
     * @param target        the server and database, for people (no secrets)
     * @param serverVersion the server's Neo4j version
     * @param counts        what the restore wrote and read back
     * @param version       the version the server's history chain reads (the one the upgrade reached)
     */
    public record Restored(String target, String serverVersion, String database, BackupCounts counts,
                           Optional<Version> version) {
    }

    /**
     * A finished upgrade: each step with its time, the version reached and the check's findings; where the store was
     * kept (empty when it was built in a scratch directory, now deleted), the dump written, and the server it went into.
     */
    public record Report(List<String> steps, List<Duration> times, Optional<Version> version, CheckReport check,
                         Optional<Path> dataDir, Optional<WrittenDump> toDump, Optional<Restored> into) {
    }

    /** What the embedded part found: the version reached, the check's findings, and the backup for {@code --into}. */
    private record Schema(Optional<Version> version, CheckReport check, Optional<Path> backup) {
    }

    private final Consumer<String> log;
    private final ProgressSink counts;

    public StoreUpgrade(Consumer<String> log) {
        this(log, ProgressSink.NONE);
    }

    /** @param counts where the long units (NetworkMark, UTC times), the backup and the restore report their progress */
    public StoreUpgrade(Consumer<String> log, ProgressSink counts) {
        this.log = log;
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    public Report run(Request request) {
        StepTimer steps = new StepTimer(log);
        Optional<Path> kept = request.dataDir().map(d -> d.toAbsolutePath().normalize());
        boolean wipe = steps.run("check input", () -> {
            requireBundled(request.target());
            DumpFile.check(request.dump());
            request.toDump().ifPresent(f -> {
                if (Files.exists(f)) {
                    throw new UpgradeFailure(UpgradeFailure.Kind.REFUSED, "check input", f + " exists; "
                            + "statestore never overwrites a dump");
                }
            });
            return kept.map(home -> checkDataDir(home, request.replace())).orElse(false);
        });
        // Before anything is created or deleted: a server that cannot take the result ends the run here.
        Optional<IntoServer> into = request.into().map(settings -> new IntoServer(settings, log, counts));
        into.ifPresent(server -> steps.run(IntoServer.CHECK_STEP, () -> {
            server.check();
            return null;
        }));
        Path home = kept.orElseGet(StoreUpgrade::scratch);
        if (wipe) {
            Neo4jAdmin.deleteTree(home);
        }
        boolean created = true;
        try {
            Files.createDirectories(home);
            Files.writeString(home.resolve(INCOMPLETE_MARKER), "upgrade of " + request.dump() + " started\n");
            LegacyStore store = new LegacyStore(home);
            steps.run("load dump", () -> {
                store.load(request.dump());
                return null;
            });
            LegacyStore.Format format = store.format();
            if (format.isNeo4j5OrLater()) {
                throw new UpgradeFailure(UpgradeFailure.Kind.REFUSED, "inspect store", "the dump is already a Neo4j 5 "
                        + "store (format " + format.version() + "): no store upgrade is needed; load it and run "
                        + "'statestore migrate up'");
            }
            log.accept("store format " + format.version() + " (Neo4j " + format.introducedIn() + ")");
            created = false; // from here on the directory is kept, marked incomplete, for inspection
            steps.run("migrate store format (BTREE indexes to RANGE)", () -> {
                store.migrateFormat();
                return null;
            });
            Optional<Path> backupDir = into.map(server -> home.resolve(BACKUP_DIR));
            Schema schema = schema(steps, home, request.target(), backupDir);
            Optional<WrittenDump> dump = request.toDump().map(f -> steps.run("write Neo4j 5 dump", () -> {
                store.dumpTo(f.toAbsolutePath());
                return new WrittenDump(f.toAbsolutePath(), EmbeddedServer.neo4jVersion());
            }));
            Optional<Restored> restored = into.map(server -> server.restore(steps, schema.backup().orElseThrow(),
                    request.target(), schema.version(), kept.isPresent()));
            backupDir.ifPresent(Neo4jAdmin::deleteTree);
            Files.deleteIfExists(home.resolve(INCOMPLETE_MARKER));
            return new Report(steps.steps().stream().map(StepTimer.Step::name).toList(),
                    steps.steps().stream().map(StepTimer.Step::elapsed).toList(), schema.version(), schema.check(),
                    request.dataDir(), dump, restored);
        } catch (UpgradeFailure e) {
            if (created) {
                Neo4jAdmin.deleteTree(home);
            }
            throw e;
        } catch (IOException e) {
            throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "prepare target", e.getMessage());
        } finally {
            if (kept.isEmpty()) {
                Neo4jAdmin.deleteTree(home);
            }
        }
    }

    /** A private directory under the system's temporary one, for a store nobody asked to keep. */
    private static Path scratch() {
        try {
            return Files.createTempDirectory(SCRATCH_PREFIX);
        } catch (IOException e) {
            throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "prepare target", "cannot create a scratch "
                    + "directory (" + e.getMessage() + "): give --data-dir");
        }
    }

    /**
     * Starts the new store embedded, applies alchemiscale's units up to the target, and runs {@code database check}
     * and {@code database doctor} for the first release of the line the result serves; with {@code backupDir}, backs
     * the result up there for the restore into the {@code --into} server.
     */
    private Schema schema(StepTimer steps, Path home, Optional<Version> target, Optional<Path> backupDir) {
        StatestoreConfig config = StatestoreConfig.builder().connection(ConnectionSettings.embedded(home))
                .log(log).progress(counts).build();
        try (Statestore store = steps.run("start Neo4j 5", () -> Statestore.open(config))) {
            UpResult up = steps.run(target.map(t -> "migrate up --target " + t.text()).orElse("migrate up")
                    + " (baseline, then the bundled units)", () -> store.migrateUp(target));
            if (!(up instanceof UpResult.Applied || up instanceof UpResult.UpToDate)) {
                throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "migrate up", describe(up));
            }
            CheckReport check = steps.run("database check", store.alchemiscale()::check);
            if (!check.ok()) {
                throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "database check",
                        String.join("; ", check.findings()));
            }
            Optional<Version> reached = store.info().current();
            // The store must also be readable by the release line it was made for, as 'database doctor' judges it.
            Optional<ReleaseTargets.ReleaseLine> line = reached.flatMap(ReleaseTargets::servedAt);
            if (line.isPresent()) {
                AlchemiscaleRelease release = new AlchemiscaleRelease.Numbered(line.get().first());
                DoctorReport doctor = steps.run("database doctor --release " + release.text(), () -> store.alchemiscale().doctor(release));
                if (!doctor.ok()) {
                    throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "database doctor",
                            String.join("; ", doctor.findings().stream().map(Finding::line).toList()));
                }
            }
            Optional<Path> backup = backupDir.map(dir -> steps.run("backup create (the new store, for --into)", () -> {
                CreateResult created = store.backups().create(dir);
                if (created instanceof CreateResult.Created c) {
                    return c.file();
                }
                throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "backup create", created.toString());
            }));
            return new Schema(reached, check, backup);
        }
    }

    private static String describe(UpResult up) {
        if (up instanceof UpResult.UnitFailed f) {
            return "unit " + f.failed().version() + " failed: " + f.error().message();
        }
        return up.getClass().getSimpleName();
    }

    /**
     * Refuses a data directory the upgrade cannot use (not empty without {@code replace}, in use by a running Neo4j);
     * true when it must be emptied first, which happens only once the {@code --into} server is checked too.
     */
    private static boolean checkDataDir(Path home, boolean replace) {
        if (!Files.exists(home)) {
            return false;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(home)) {
            empty = entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UpgradeFailure(UpgradeFailure.Kind.REFUSED, "check input", "cannot read " + home);
        }
        if (empty) {
            return false;
        }
        if (!replace) {
            String why = Files.exists(home.resolve(INCOMPLETE_MARKER)) ? "holds an incomplete upgrade" : "is not empty";
            throw new UpgradeFailure(UpgradeFailure.Kind.REFUSED, "check input", home + " " + why
                    + "; give an empty directory, or start over with --replace --yes");
        }
        if (Files.exists(home.resolve("data").resolve("databases").resolve("store_lock"))
                && isLocked(home)) {
            throw new UpgradeFailure(UpgradeFailure.Kind.REFUSED, "check input", home + " is in use by a running "
                    + "Neo4j; stop it first");
        }
        return true;
    }

    private static boolean isLocked(Path home) {
        Path lock = home.resolve("data").resolve("databases").resolve("store_lock");
        try (var channel = FileChannel.open(lock, StandardOpenOption.WRITE);
             var held = channel.tryLock()) {
            return held == null;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
