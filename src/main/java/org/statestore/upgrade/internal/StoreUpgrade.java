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
import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UpResult;
import org.statestore.migrate.Version;
import org.statestore.migrate.internal.Targets;
import org.statestore.migrate.internal.UnitCatalog;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.internal.Neo4jAdmin;
import org.statestore.progress.ProgressSink;

/**
 * {@code statestore upgrade store}: a Neo4j 4.4 dump of an alchemiscale v0.3 store to a checked Neo4j 5
 * store at the current schema, in one command. The dump is copied before Neo4j's tool reads it; the
 * target directory is either complete or carries an {@value #INCOMPLETE_MARKER} file until it is.
 */
public final class StoreUpgrade {

    /** Present in a target directory whose upgrade has not finished. */
    public static final String INCOMPLETE_MARKER = "STATESTORE-UPGRADE-INCOMPLETE";

    /**
     * What to upgrade and where.
     *
     * @param dump    the Neo4j 4.4 dump (read only)
     * @param dataDir the new store's directory (an embedded store home), empty or absent
     * @param replace start over in a non-empty {@code dataDir} (the caller has asked for confirmation)
     * @param toDump  also write a Neo4j 5 dump of the result here (must not exist)
     * @param target  the bundled unit to stop at (the alchemiscale release the store is for); empty for the newest
     */
    public record Request(Path dump, Path dataDir, boolean replace, Optional<Path> toDump, Optional<Version> target) {

        public Request {
            target.ifPresent(StoreUpgrade::checkTarget);
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

    /** A finished upgrade: each step with its time, the version reached and the check's findings. */
    public record Report(List<String> steps, List<Duration> times, Optional<Version> version, CheckReport check) {
    }

    private final Consumer<String> log;
    private final ProgressSink counts;

    public StoreUpgrade(Consumer<String> log) {
        this(log, ProgressSink.NONE);
    }

    /** @param counts where the long units (NetworkMark, UTC times) report their progress */
    public StoreUpgrade(Consumer<String> log, ProgressSink counts) {
        this.log = log;
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    public Report run(Request request) {
        StepTimer steps = new StepTimer(log);
        Path home = request.dataDir().toAbsolutePath().normalize();
        steps.run("check input", () -> {
            requireBundled(request.target());
            DumpFile.check(request.dump());
            request.toDump().ifPresent(f -> {
                if (Files.exists(f)) {
                    throw new UpgradeFailure(UpgradeFailure.Kind.REFUSED, "check input", f + " exists; "
                            + "statestore never overwrites a dump");
                }
            });
            prepareTarget(home, request.replace());
            return null;
        });
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
            Report report = schema(steps, home, request.target());
            request.toDump().ifPresent(f -> steps.run("write Neo4j 5 dump", () -> {
                store.dumpTo(f.toAbsolutePath());
                return null;
            }));
            Files.deleteIfExists(home.resolve(INCOMPLETE_MARKER));
            return new Report(steps.steps().stream().map(StepTimer.Step::name).toList(),
                    steps.steps().stream().map(StepTimer.Step::elapsed).toList(), report.version(), report.check());
        } catch (UpgradeFailure e) {
            if (created) {
                Neo4jAdmin.deleteTree(home);
            }
            throw e;
        } catch (IOException e) {
            throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "prepare target", e.getMessage());
        }
    }

    /**
     * Starts the new store embedded, applies alchemiscale's units up to the target, and runs {@code database check}
     * and {@code database doctor} for the first release of the line the result serves.
     */
    private Report schema(StepTimer steps, Path home, Optional<Version> target) {
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
            return new Report(List.of(), List.of(), reached, check);
        }
    }

    private static String describe(UpResult up) {
        if (up instanceof UpResult.UnitFailed f) {
            return "unit " + f.failed().version() + " failed: " + f.error().message();
        }
        return up.getClass().getSimpleName();
    }

    private static void prepareTarget(Path home, boolean replace) {
        if (!Files.exists(home)) {
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(home)) {
            empty = entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UpgradeFailure(UpgradeFailure.Kind.REFUSED, "check input", "cannot read " + home);
        }
        if (empty) {
            return;
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
        Neo4jAdmin.deleteTree(home);
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
