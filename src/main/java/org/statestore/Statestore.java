package org.statestore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.statestore.alchemiscale.AlchemiscaleOperations;
import org.statestore.backup.Backups;
import org.statestore.backup.CreateResult;
import org.statestore.backup.DumpGuard;
import org.statestore.history.HistoryEntry;
import org.statestore.history.internal.HistoryChain;
import org.statestore.identity.IdentityStore;
import org.statestore.lock.Holder;
import org.statestore.lock.internal.LeaseLock;
import org.statestore.lock.internal.LeaseView;
import org.statestore.migrate.Baseline;
import org.statestore.migrate.CypherUnit;
import org.statestore.migrate.DryRun;
import org.statestore.migrate.Neo4jMigrationsImport;
import org.statestore.migrate.Repair;
import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.ShapeDetector;
import org.statestore.migrate.UndoRequest;
import org.statestore.migrate.UndoResult;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitDiscoveryException;
import org.statestore.migrate.UnknownTargetException;
import org.statestore.migrate.UpOptions;
import org.statestore.migrate.UpResult;
import org.statestore.migrate.Version;
import org.statestore.migrate.VersionWatch;
import org.statestore.migrate.internal.DryRunner;
import org.statestore.migrate.internal.LeaseOptions;
import org.statestore.migrate.internal.MigrationRunner;
import org.statestore.migrate.internal.Neo4jMigrationsImporter;
import org.statestore.migrate.internal.Plan;
import org.statestore.migrate.internal.RepairRunner;
import org.statestore.migrate.internal.RunningUnits;
import org.statestore.migrate.internal.UndoRunner;
import org.statestore.migrate.internal.UnitCatalog;
import org.statestore.migrate.internal.VersionWatcher;
import org.statestore.neo4j.ConnectedServer;
import org.statestore.neo4j.ConnectionException;
import org.statestore.neo4j.UnsupportedServerException;
import org.statestore.neo4j.internal.Neo4jTarget;
import org.statestore.neo4j.internal.TargetConnector;

/**
 * The engine's facade: one open database, the migrations of one set of units on it, and the services that
 * work on it beyond migrations ({@link #identities()}, {@link #backups()}, {@link #alchemiscale()}).
 *
 * <pre>{@code
 * try (Statestore store = Statestore.open(StatestoreConfig.builder()
 *         .connection(ConnectionSettings.remote(URI.create("bolt://localhost:7687"), "neo4j", Secret.of(pw)))
 *         .build())) {
 *     UpResult result = store.migrateUp(Optional.empty());
 * }
 * }</pre>
 *
 * <p>Units are read on the first operation that needs them (a migration operation, {@link #units()},
 * {@link AlchemiscaleOperations#doctor}), after connecting, and kept for the life of the store; opening a
 * store for identities or backups reads none. A malformed unit or an unresolved placeholder makes that first
 * operation throw {@link UnitDiscoveryException} (and every later one, as nothing is kept of a failed read).
 * Connection problems throw {@link ConnectionException} from {@link #open}.
 *
 * <p>Only the identities work on a server below Neo4j 5.0. Every other operation ({@link #migrateUp} in all its forms,
 * {@link #baseline}, {@link #undo}, {@link #dryRunUp}, {@link #dryRunUndo}, {@link #validate}, {@link #repair},
 * {@link #importFromNeo4jMigrations}, {@link #info}, {@link #awaitVersion}) and the {@link #backups()} and
 * {@link #alchemiscale()} accessors throw {@link UnsupportedServerException} there before reading anything (units
 * included), with one line naming the version and the way to Neo4j 5; {@link #identities()}, {@link #server()} and
 * {@link #units()} are never refused. Everything else comes back as a result value. A store may be used from several
 * threads.
 */
public final class Statestore implements AutoCloseable {

    private final StatestoreConfig config;
    private final Neo4jTarget target;
    private final ConnectedServer server;
    private final HistoryChain history;
    private final Backups backups;
    private final AlchemiscaleOperations alchemiscale;
    private final Object unitsLock = new Object();
    private LoadedUnits loaded; // guarded by unitsLock; null until read successfully

    /** The units and the shape detectors their locations ship, read together. */
    private record LoadedUnits(List<Unit> units, List<ShapeDetector> detectors) {
    }

    private Statestore(StatestoreConfig config, Neo4jTarget target) {
        this.config = config;
        this.target = target;
        this.server = new ConnectedServer(target.description(), target.database(), target.server());
        this.history = new HistoryChain(target.driver(), target.sessionConfig());
        this.backups = new Backups(target.driver(), target.database(), target.server().version(), toolVersion(),
                config.lease(), config.log(), config.progress());
        this.alchemiscale = new AlchemiscaleOperations(target.driver(), target.sessionConfig(), () -> info().units(),
                config.log(), config.progress());
    }

    /** Connects (or starts the embedded store); units are read later, on first use. */
    public static Statestore open(StatestoreConfig config) {
        Neo4jTarget target = new TargetConnector(config.log()).open(config.connection());
        config.log().accept("target: " + target.description());
        return new Statestore(config, target);
    }

    private LoadedUnits loaded() {
        synchronized (unitsLock) {
            if (loaded == null) {
                loaded = load(config);
            }
            return loaded;
        }
    }

    private static LoadedUnits load(StatestoreConfig config) {
        UnitCatalog catalog = new UnitCatalog(config.classLoader());
        List<Unit> units = catalog.load(config.locations(), config.javaUnits());
        List<ShapeDetector> detectors = catalog.detectors(config.locations());
        List<String> unresolved = new ArrayList<>();
        for (Unit u : units) {
            if (u instanceof CypherUnit c) {
                unresolved.addAll(config.placeholders().unresolved(c.source(), c.script()));
            } else if (u instanceof RepeatableUnit r) {
                unresolved.addAll(config.placeholders().unresolved(r.source(), r.script()));
            }
        }
        if (!unresolved.isEmpty()) {
            throw new UnitDiscoveryException(String.join("; ", unresolved));
        }
        return new LoadedUnits(units, detectors);
    }

    /** Applies every pending unit up to {@code target} (all when empty). */
    public UpResult migrateUp(Optional<Version> targetVersion) {
        return migrateUp(targetVersion, UpOptions.DEFAULTS);
    }

    /**
     * As {@link #migrateUp(Optional, UpOptions)}, first taking a backup into {@code backupDir} (under the lease,
     * only when something is pending); every applied entry's rollback note names the file.
     */
    public UpResult migrateUp(Optional<Version> targetVersion, UpOptions options, Path backupDir) {
        requireNeo4j5("migrateUp");
        Supplier<String> backup = () -> {
            CreateResult result = backups.create(backupDir, DumpGuard.NONE); // the runner already holds the lease
            if (result instanceof CreateResult.Created c) {
                return c.file().toAbsolutePath().toString();
            }
            throw new IllegalStateException("no backup was written to " + backupDir + ": " + result);
        };
        return runner("migrate up").up(units(), targetVersion, options, Optional.of(backup));
    }

    /** statestore's own version, from the jar's manifest: the one place it is looked up. */
    public static String toolVersion() {
        String v = Statestore.class.getPackage() == null ? null : Statestore.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** Applies every pending unit up to {@code target}, as strict as {@code options} say. */
    public UpResult migrateUp(Optional<Version> targetVersion, UpOptions options) {
        requireNeo4j5("migrateUp");
        return runner("migrate up").up(units(), targetVersion, options);
    }

    /**
     * Records that the database already holds everything up to {@code version}, so older units are
     * skipped. Refused when the database already has a history chain.
     */
    public BaselineResult baseline(Version version, String description) {
        requireNeo4j5("baseline");
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
                config.log(), loaded().detectors(), new LeaseOptions(() -> Holder.thisProcess(command), config.lease()),
                config.stopSignal(), config.placeholders(), target.server(), config.progress());
    }

    /** Rolls back applied units newest first, from their recorded rollback notes, under the lease. */
    public UndoResult undo(UndoRequest request) {
        requireNeo4j5("undo");
        return new UndoRunner(target.driver(), target.sessionConfig(), history, config.installedBy(), config.log(),
                new LeaseOptions(() -> Holder.thisProcess("migrate undo"), config.lease()), config.stopSignal(), config.progress())
                .undo(units(), request);
    }

    /** What {@code up} would do, each statement checked by the server with EXPLAIN; takes no lease, writes nothing. */
    public DryRun.Outcome dryRunUp(Optional<Version> targetVersion, UpOptions options) {
        requireNeo4j5("dryRunUp");
        List<Unit> units = units();
        return new DryRunner(target.driver(), target.sessionConfig(), config.placeholders(), target.server()).up(units,
                history.read(), targetVersion, options);
    }

    /** What {@code undo} would do, each recorded statement checked with EXPLAIN; takes no lease, writes nothing. */
    public DryRun.Outcome dryRunUndo(UndoRequest request) {
        requireNeo4j5("dryRunUndo");
        units(); // not used, but a malformed unit fails every migration operation alike
        return new DryRunner(target.driver(), target.sessionConfig(), target.server()).undo(history.read(), request);
    }

    /** Compares local units with the chain: problems (edited, missing, out of order, future when strict) and warnings. */
    public ValidationReport validate(UpOptions options) {
        requireNeo4j5("validate");
        Plan plan = Plan.of(units(), history.read(), Optional.empty(), options.outOfOrder());
        return new ValidationReport(plan.problems(options.strict(), options.outOfOrder()), plan.warnings());
    }

    /** Marks failed runs for retry, accepts an edited unit's checksum, or forgets a deleted unit; under the lease. */
    public Repair.Outcome repair(Repair.Request request) {
        requireNeo4j5("repair");
        List<Unit> units = units();
        return runner("migrate repair").withLease(chain -> new RepairRunner(config.installedBy()).apply(chain, units, request));
    }

    /**
     * Copies the history neo4j-migrations recorded in this database into the chain as applied runs, under
     * the migration lease; optionally removes its nodes (same transaction) and drops its three lock and
     * version constraints (afterwards).
     */
    public Neo4jMigrationsImport.Outcome importFromNeo4jMigrations(Neo4jMigrationsImport.Options options) {
        requireNeo4j5("importFromNeo4jMigrations");
        return runner("migrate import").withLease(chain -> new Neo4jMigrationsImporter(target.driver(),
                target.sessionConfig(), target.database(), config.log()).run(chain, options));
    }

    /** The state of every unit, read without writing anything. */
    public InfoReport info() {
        return info(Optional.empty());
    }

    /**
     * The state of every unit, with units beyond {@code targetVersion} shown as above target.
     *
     * @throws UnknownTargetException when the target names no local or recorded unit
     */
    public InfoReport info(Optional<Version> targetVersion) {
        requireNeo4j5("info");
        List<Unit> units = units();
        // The lease before the chain: a unit that commits between the two reads is then seen finished, not running.
        Optional<LeaseView> lease = LeaseLock.view(target.driver(), target.sessionConfig());
        List<HistoryEntry> chain = history.read();
        Plan plan = Plan.of(units, chain, targetVersion);
        plan.targetProblem().ifPresent(why -> {
            throw new UnknownTargetException(why);
        });
        return new InfoReport(server.description(), server.version(), server.database(), plan.current(),
                RunningUnits.mark(plan.statuses(), chain, lease), lease.map(LeaseView::state));
    }

    /**
     * Waits, without any lock, until the history reaches {@code version} or {@code timeout} passes. Reads only
     * the history, so it reads no units.
     */
    public VersionWatch.Outcome awaitVersion(Version version, Duration timeout, Duration interval) {
        requireNeo4j5("awaitVersion");
        return new VersionWatcher(history, config.log()).await(version, timeout, interval, config.stopSignal());
    }

    /**
     * The units this engine knows, in version order; read on the first call.
     *
     * @throws UnitDiscoveryException when a unit is malformed or a placeholder unresolved
     */
    public List<Unit> units() {
        return loaded().units();
    }

    /** alchemiscale's user and compute identities in this database (bcrypt 2b, cost 12). */
    public IdentityStore identities() {
        return new IdentityStore(target.driver(), target.sessionConfig());
    }

    /**
     * Online backups of this database and restores into it; {@link #migrateUp(Optional, UpOptions, Path)}
     * takes its backups through the same service.
     */
    public Backups backups() {
        requireNeo4j5("backups");
        return backups;
    }

    /** alchemiscale's operations on this database: check, doctor, registration expiry, reset, seeding. */
    public AlchemiscaleOperations alchemiscale() {
        requireNeo4j5("alchemiscale");
        return alchemiscale;
    }

    /** What this store is connected to: a description for people, the database's name, the server's version. */
    public ConnectedServer server() {
        return server;
    }

    /** The guard of every operation but the identities: its message names the facade method refused. */
    private void requireNeo4j5(String method) {
        server.requireNeo4j5("Statestore." + method);
    }

    @Override
    public void close() {
        target.close();
    }
}
