package org.statestore;

import java.util.List;
import java.util.Optional;

import org.statestore.backup.DumpGuard;
import org.statestore.history.HistoryChain;
import org.statestore.history.HistoryEntry;
import org.statestore.identity.IdentityStore;
import org.statestore.lock.Holder;
import org.statestore.lock.LeaseLock;
import org.statestore.migrate.Baseline;
import org.statestore.migrate.LeaseOptions;
import org.statestore.migrate.ShapeDetector;
import org.statestore.migrate.MigrationRunner;
import org.statestore.migrate.Neo4jMigrationsImport;
import org.statestore.migrate.Plan;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitCatalog;
import org.statestore.migrate.DryRun;
import org.statestore.migrate.Repair;
import org.statestore.migrate.UndoRequest;
import org.statestore.migrate.UndoResult;
import org.statestore.migrate.UndoRunner;
import org.statestore.migrate.UpOptions;
import org.statestore.migrate.UpResult;
import org.statestore.migrate.Version;
import org.statestore.migrate.VersionWatch;
import org.statestore.neo4j.Neo4jTarget;
import org.statestore.neo4j.TargetConnector;

/**
 * The engine's facade: one open database and one set of units.
 *
 * <pre>{@code
 * try (Statestore store = Statestore.open(StatestoreConfig.builder()
 *         .connection(ConnectionSettings.remote(URI.create("bolt://localhost:7687"), "neo4j", Secret.of(pw)))
 *         .build())) {
 *     UpResult result = store.migrateUp(Optional.empty());
 * }
 * }</pre>
 *
 * <p>Units are read before the database is contacted, so a malformed unit fails fast
 * ({@link org.statestore.migrate.UnitDiscoveryException}); connection problems throw
 * {@link org.statestore.neo4j.ConnectionException}. Everything else comes back as a result value.
 */
public final class Statestore implements AutoCloseable {

    private final StatestoreConfig config;
    private final List<Unit> units;
    private final Neo4jTarget target;
    private final List<ShapeDetector> detectors;
    private final HistoryChain history;

    private Statestore(StatestoreConfig config, List<Unit> units, List<ShapeDetector> detectors, Neo4jTarget target) {
        this.config = config;
        this.units = units;
        this.detectors = detectors;
        this.target = target;
        this.history = new HistoryChain(target.driver(), target.sessionConfig());
    }

    /** Reads the units, then connects (or starts the embedded store). */
    public static Statestore open(StatestoreConfig config) {
        UnitCatalog catalog = new UnitCatalog(config.classLoader());
        List<Unit> units = catalog.load(config.locations(), config.javaUnits());
        List<ShapeDetector> detectors = catalog.detectors(config.locations());
        List<String> unresolved = new java.util.ArrayList<>();
        for (Unit u : units) {
            if (u instanceof org.statestore.migrate.CypherUnit c) {
                unresolved.addAll(config.placeholders().unresolved(c.source(), c.script()));
            } else if (u instanceof org.statestore.migrate.RepeatableUnit r) {
                unresolved.addAll(config.placeholders().unresolved(r.source(), r.script()));
            }
        }
        if (!unresolved.isEmpty()) {
            throw new org.statestore.migrate.UnitDiscoveryException(String.join("; ", unresolved));
        }
        Neo4jTarget target = new TargetConnector(config.log()).open(config.connection());
        config.log().accept("target: " + target.description());
        return new Statestore(config, units, detectors, target);
    }

    /** Applies every pending unit up to {@code target} (all when empty). */
    public UpResult migrateUp(Optional<Version> targetVersion) {
        return migrateUp(targetVersion, UpOptions.DEFAULTS);
    }

    /**
     * As {@link #migrateUp(Optional, UpOptions)}, first taking a backup into {@code backupDir} (under the lease,
     * only when something is pending); every applied entry's rollback note names the file.
     */
    public UpResult migrateUp(Optional<Version> targetVersion, UpOptions options, java.nio.file.Path backupDir) {
        java.util.function.Supplier<String> backup = () -> {
            var result = org.statestore.backup.BackupWriter.forTarget(target, toolVersion(), config.log(), config.progress())
                    .create(backupDir, org.statestore.backup.DumpGuard.NONE); // the runner already holds the lease
            if (result instanceof org.statestore.backup.CreateResult.Created c) {
                return c.file().toAbsolutePath().toString();
            }
            throw new IllegalStateException("no backup was written to " + backupDir + ": " + result);
        };
        return runner("migrate up").up(units, targetVersion, options, Optional.of(backup));
    }

    private static String toolVersion() {
        String v = Statestore.class.getPackage() == null ? null : Statestore.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** Applies every pending unit up to {@code target}, as strict as {@code options} say. */
    public UpResult migrateUp(Optional<Version> targetVersion, UpOptions options) {
        return runner("migrate up").up(units, targetVersion, options);
    }

    /**
     * Records that the database already holds everything up to {@code version}, so older units are
     * skipped. Refused when the database already has a history chain.
     */
    public BaselineResult baseline(Version version, String description) {
        MigrationRunner runner = runner("migrate baseline");
        return runner.withLease(chain -> {
            List<HistoryEntry> entries = chain.read();
            if (!entries.isEmpty()) {
                return new BaselineResult.Refused("the database already has a history chain (" + entries.size()
                        + " entries); baselining is only for databases statestore has never migrated");
            }
            return new BaselineResult.Recorded(runner.recordBaseline(chain, new Baseline(version, description,
                    "set explicitly with migrate baseline")));
        });
    }

    private MigrationRunner runner(String command) {
        return new MigrationRunner(target.driver(), target.sessionConfig(), history, config.installedBy(),
                config.log(), detectors, new LeaseOptions(Holder.thisProcess(command), config.lease()),
                config.stopSignal(), config.placeholders(), target.server(), config.progress());
    }

    /**
     * A guard that holds the migration lease while a backup reads, so no migration runs during the dump
     * and the history head in the backup's header is the one its content matches:
     * {@code BackupWriter.forTarget(store.target(), ...).create(dir, store.migrationLease("backup create"))}.
     * Each {@link DumpGuard#hold()} acquires the lease as {@code command} of this process, waiting up to the
     * configured lock timeout ({@link StatestoreConfig.Builder#lease}) and throwing
     * {@link org.statestore.lock.LockTimeoutException} (naming the holder) when it runs out; closing the
     * held guard releases the lease.
     */
    public DumpGuard migrationLease(String command) {
        return () -> {
            // A fresh holder id per attempt, as the runner does: two holds never share one lease.
            LeaseLock lease = LeaseLock.acquire(target.driver(), target.sessionConfig(), Holder.thisProcess(command),
                    config.lease(), config.log());
            return new DumpGuard.Held() {
                @Override
                public Optional<String> lost() {
                    return lease.isLost() ? Optional.of("the migration lock was taken over by another process "
                            + "while the backup read (this process's lease expired)") : Optional.empty();
                }

                @Override
                public void close() {
                    lease.release();
                }
            };
        };
    }

    /** Rolls back applied units newest first, from their recorded rollback notes, under the lease. */
    public UndoResult undo(UndoRequest request) {
        return new UndoRunner(target.driver(), target.sessionConfig(), history, config.installedBy(), config.log(),
                new LeaseOptions(Holder.thisProcess("migrate undo"), config.lease()), config.stopSignal(), config.progress())
                .undo(units, request);
    }

    /** What {@code up} would do, each statement checked by the server with EXPLAIN; takes no lease, writes nothing. */
    public DryRun.Outcome dryRunUp(Optional<Version> targetVersion, UpOptions options) {
        return new DryRun(target.driver(), target.sessionConfig(), config.placeholders()).up(units, history.read(), targetVersion, options);
    }

    /** What {@code undo} would do, each recorded statement checked with EXPLAIN; takes no lease, writes nothing. */
    public DryRun.Outcome dryRunUndo(UndoRequest request) {
        return new DryRun(target.driver(), target.sessionConfig()).undo(history.read(), request);
    }

    /** Compares local units with the chain: problems (edited, missing, out of order, future when strict) and warnings. */
    public ValidationReport validate(UpOptions options) {
        Plan plan = Plan.of(units, history.read(), Optional.empty(), options.outOfOrder());
        return new ValidationReport(plan.problems(options.strict(), options.outOfOrder()), plan.warnings());
    }

    /** Marks failed runs for retry, accepts an edited unit's checksum, or forgets a deleted unit; under the lease. */
    public Repair.Outcome repair(Repair.Request request) {
        return runner("migrate repair").withLease(chain -> new Repair(config.installedBy()).apply(chain, units, request));
    }

    /**
     * Copies the history neo4j-migrations recorded in this database into the chain as applied runs, under
     * the migration lease; optionally removes its nodes (same transaction) and drops its three lock and
     * version constraints (afterwards).
     */
    public Neo4jMigrationsImport.Outcome importFromNeo4jMigrations(Neo4jMigrationsImport.Options options) {
        return runner("migrate import").withLease(chain -> new Neo4jMigrationsImport(target.driver(),
                target.sessionConfig(), target.database(), config.log()).run(chain, options));
    }

    /** The state of every unit, read without writing anything. */
    public InfoReport info() {
        return info(Optional.empty());
    }

    /**
     * The state of every unit, with units beyond {@code targetVersion} shown as above target.
     *
     * @throws org.statestore.migrate.UnknownTargetException when the target names no local or recorded unit
     */
    public InfoReport info(Optional<Version> targetVersion) {
        Plan plan = Plan.of(units, history.read(), targetVersion);
        plan.targetProblem().ifPresent(why -> {
            throw new org.statestore.migrate.UnknownTargetException(why);
        });
        return new InfoReport(target.description(), target.server().version(), target.database(), plan.current(),
                plan.statuses(), LeaseLock.peek(target.driver(), target.sessionConfig()));
    }

    /** Waits, without any lock, until the history reaches {@code version} or {@code timeout} passes. */
    public VersionWatch.Outcome awaitVersion(Version version, java.time.Duration timeout, java.time.Duration interval) {
        return new VersionWatch(history, config.log()).await(version, timeout, interval, config.stopSignal());
    }

    /**
     * alchemiscale's {@code database check}, exactly: its four constraints by name, label and property, and no
     * other constraint. Units and history play no part. Reads only.
     */
    public org.statestore.alchemiscale.CheckReport check() {
        return new org.statestore.alchemiscale.StoreCheck(target.driver(), target.sessionConfig()).check();
    }

    /**
     * What alchemiscale {@code release} cannot read in this database, each finding with its fix: alchemiscale's
     * check, the history chain and unit states, and the data that release reads. Reads only.
     */
    public org.statestore.alchemiscale.DoctorReport doctor(org.statestore.alchemiscale.AlchemiscaleRelease release) {
        List<org.statestore.migrate.UnitStatus> statuses;
        try {
            statuses = info().units();
        } catch (org.statestore.history.MalformedChainException e) {
            statuses = List.of(); // the doctor reports the chain itself as a finding
        }
        return new org.statestore.alchemiscale.StoreDoctor(target.driver(), target.sessionConfig())
                .examine(release, statuses);
    }

    /**
     * Expires compute service registrations as alchemiscale's {@code expire_registrations} does (their claimed
     * running Tasks back to waiting, then detach-deleted), choosing and changing in one transaction; with
     * {@code dryRun}, lists the same and changes nothing.
     */
    public org.statestore.alchemiscale.ExpiryResult expireRegistrations(
            org.statestore.alchemiscale.RegistrationExpiry.Selection selection, boolean dryRun) {
        return new org.statestore.alchemiscale.RegistrationExpiry(target.driver(), target.sessionConfig())
                .expire(selection, dryRun);
    }

    /** The units this engine knows, in version order. */
    public List<Unit> units() {
        return units;
    }

    /** alchemiscale's user and compute identities in this database (bcrypt 2b, cost 12). */
    public IdentityStore identities() {
        return new IdentityStore(target.driver(), target.sessionConfig());
    }

    /** The open database, for commands that work on it beyond migrations. */
    public Neo4jTarget target() {
        return target;
    }

    @Override
    public void close() {
        target.close();
    }
}
