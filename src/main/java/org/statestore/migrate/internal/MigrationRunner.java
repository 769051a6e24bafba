package org.statestore.migrate.internal;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.Neo4jException;
import org.statestore.cypher.CypherScript;
import org.statestore.cypher.Statement;
import org.statestore.history.EntryError;
import org.statestore.history.EntryState;
import org.statestore.history.FenceLostException;
import org.statestore.history.HistoryEntry;
import org.statestore.history.RecordedRollback;
import org.statestore.history.internal.FinishedRun;
import org.statestore.history.internal.HistoryChain;
import org.statestore.history.internal.NewEntry;
import org.statestore.lock.LockTimeoutException;
import org.statestore.lock.internal.LeaseLock;
import org.statestore.migrate.AppliedUnit;
import org.statestore.migrate.Baseline;
import org.statestore.migrate.CypherUnit;
import org.statestore.migrate.JavaUnit;
import org.statestore.migrate.MigrationContext;
import org.statestore.migrate.Placeholders;
import org.statestore.migrate.Precondition;
import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.ShapeDetector;
import org.statestore.migrate.StopSignal;
import org.statestore.migrate.TransactionMode;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UpOptions;
import org.statestore.migrate.UpResult;
import org.statestore.migrate.Version;
import org.statestore.neo4j.ServerInfo;
import org.statestore.progress.ProgressSink;

/**
 * Applies pending units in version order under the migration lease, recording each run in the history
 * chain. A single-transaction unit is one transaction: its statements, its {@code success} entry and the
 * lease's fencing check commit together, and nothing is written before (a crash leaves no trace of it). A
 * unit that commits piece by piece (split, auto-commit, Java) is recorded {@code running} before the work
 * starts, with progress after each committed piece, then {@code success} or {@code failed}. Stops at the
 * first failure, on a stop request, or when the lease is lost. Which unit is running is marked on the lease
 * once per run ({@link LeaseLock#markRun}), so {@code migrate info} shows it without a history write.
 *
 * <p>With {@link UpOptions#group()} every pending unit shares one transaction, each with its own entry, all
 * written at its end; a failure rolls all of it back and records nothing.
 *
 * <p>Everything that can be decided from a read (nothing pending, a blocking failure, an edited unit) is
 * decided before the lease is taken, so a rollout where everything is applied takes no lock at all.
 * With the lease, the chain is read again: a follower that waited for another process's run finds
 * nothing pending and stops there.
 */
public final class MigrationRunner {

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final HistoryChain history;
    private final String installedBy;
    private final Consumer<String> log;
    private final List<ShapeDetector> detectors;
    private final LeaseOptions lease;
    private final StopSignal stop;
    private final Placeholders placeholders;
    private final Guards guards;
    private final ProgressSink counts;

    /** As the full constructor, with counted progress going nowhere. */
    public MigrationRunner(Driver driver, SessionConfig sessionConfig, HistoryChain history, String installedBy,
                           Consumer<String> log, List<ShapeDetector> detectors, LeaseOptions lease, StopSignal stop,
                           Placeholders placeholders, ServerInfo server) {
        this(driver, sessionConfig, history, installedBy, log, detectors, lease, stop, placeholders, server,
                ProgressSink.NONE);
    }

    /**
     * @param placeholders values substituted into Cypher statements as they are sent
     * @param server       the server's version and edition, which units' preconditions are checked against
     * @param counts       where Java units and countable {@code CALL { } IN TRANSACTIONS} statements report progress
     */
    public MigrationRunner(Driver driver, SessionConfig sessionConfig, HistoryChain history, String installedBy,
                           Consumer<String> log, List<ShapeDetector> detectors, LeaseOptions lease, StopSignal stop,
                           Placeholders placeholders, ServerInfo server, ProgressSink counts) {
        this.counts = Objects.requireNonNull(counts, "counts");
        this.placeholders = placeholders;
        this.guards = new Guards(server);
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.history = history;
        this.installedBy = installedBy;
        this.log = log;
        this.detectors = List.copyOf(detectors);
        this.lease = lease;
        this.stop = stop;
    }

    /** Reads the chain, plans against {@code units} and applies what is pending up to {@code target}. */
    public UpResult up(List<Unit> units, Optional<Version> target, UpOptions options) {
        return up(units, target, options, Optional.empty());
    }

    /**
     * As {@link #up(List, Optional, UpOptions)}; when something is pending, {@code backup} runs first, under
     * the lease, and the file it names is recorded in every applied entry's rollback note.
     */
    public UpResult up(List<Unit> units, Optional<Version> target, UpOptions options,
                       Optional<Supplier<String>> backup) {
        List<HistoryEntry> chain = history.read();
        Plan plan = Plan.of(units, chain, target, options);
        Optional<UpResult> verdict = verdictFromRead(units, chain, plan, false, options);
        if (verdict.isPresent()) {
            return verdict.get();
        }
        LeaseLock lock;
        try {
            lock = LeaseLock.acquire(driver, sessionConfig, lease.holder(), lease.settings(), log);
        } catch (LockTimeoutException e) {
            return new UpResult.LockTimeout(e.heldBy(), e.getMessage());
        }
        try {
            return upHolding(lock, history.fencedBy(lock), units, target, options, backup);
        } finally {
            lock.release();
        }
    }

    /** Runs {@code work} holding the lease, with a chain whose writes are fenced by it. */
    public <T> T withLease(Function<HistoryChain, T> work) {
        try (LeaseLock lock = LeaseLock.acquire(driver, sessionConfig, lease.holder(), lease.settings(), log)) {
            return work.apply(history.fencedBy(lock));
        }
    }

    private Optional<UpResult> verdictFromRead(List<Unit> units, List<HistoryEntry> chain, Plan plan, boolean locked,
                                             UpOptions options) {
        if (!locked) {
            plan.warnings().forEach(w -> log.accept("warning: " + w + " (tolerated; --strict refuses it)"));
        }
        boolean mayBaseline = chain.isEmpty() && !detectors.isEmpty() && !units.isEmpty();
        // Units at or below a baseline the lease holder may yet detect are not pending: a group is judged then.
        List<String> findings = mayBaseline && !locked ? validation(plan, options, guards)
                : findings(plan, options, guards);
        if (!findings.isEmpty()) {
            return Optional.of(new UpResult.ValidationFailed(findings));
        }
        if (plan.blocker().isPresent()) {
            return Optional.of(new UpResult.Blocked(plan.blocker().get()));
        }
        if (guards.toRun(plan).isEmpty() && !mayBaseline) {
            return Optional.of(new UpResult.UpToDate(plan.current(), locked));
        }
        return Optional.empty();
    }

    /**
     * What the plan finds wrong, interrupted runs whose completed part changed, and unmet {@code requires}: how
     * {@code up} validates {@code plan} before it writes anything. Its dry run asks the same.
     */
    static List<String> findings(Plan plan, UpOptions options, Guards guards) {
        List<String> findings = validation(plan, options, guards);
        if (options.group()) {
            findings.addAll(groupRefusals(plan, guards));
        }
        return findings;
    }

    private static List<String> validation(Plan plan, UpOptions options, Guards guards) {
        List<String> findings = new ArrayList<>(plan.problems(options.strict(), options.outOfOrder()));
        for (PendingUnit p : plan.pending()) {
            resumeFinding(p).ifPresent(findings::add);
            findings.addAll(guards.unmetRequirements(p.unit()));
        }
        return findings;
    }

    /**
     * The pending units that cannot join a group's one transaction, one finding each. A unit whose
     * {@code // skip-unless:} is unmet runs no statement, so only its entry joins, whatever its mode.
     */
    static List<String> groupRefusals(Plan plan, Guards guards) {
        List<String> refusals = new ArrayList<>();
        for (PendingUnit p : guards.toRun(plan)) {
            Unit u = p.unit();
            TransactionMode mode = TransactionMode.of(u);
            if (mode != TransactionMode.SINGLE && guards.unmetSkip(u).isEmpty()) {
                refusals.add("unit " + u.version() + " (" + u.source() + ") cannot join --group's one transaction: "
                        + switch (mode) {
                            case SPLIT -> "it mixes schema commands and data writes, which Neo4j runs only in separate "
                                    + "transactions";
                            case AUTO_COMMIT -> "it batches itself with CALL { } IN TRANSACTIONS";
                            default -> "a Java unit manages its own transactions";
                        } + "; nothing was applied (apply it without --group, or group the units before it with "
                        + "--target)");
            }
        }
        return refusals;
    }

    private static Optional<String> resumeFinding(PendingUnit p) {
        int start = resumeAt(p);
        if (start == 0) {
            return Optional.empty();
        }
        CypherUnit c = (CypherUnit) p.unit();
        HistoryEntry run = p.previousRun().get();
        if (start > c.script().statements().size()
                || !Checksums.ofStatements(c.script().statements().subList(0, start)).equals(run.prefixChecksum())) {
            return Optional.of("unit " + c.version() + " (" + c.source() + ") was interrupted after " + start
                    + " statements, and those statements changed since; restore them or repair the entry");
        }
        return Optional.empty();
    }

    /** Where an interrupted run continues: after its recorded statements, for units that commit piecewise. */
    private static int resumeAt(PendingUnit p) {
        if (p.previousRun().isEmpty() || p.previousRun().get().state() != EntryState.RUNNING) {
            return 0;
        }
        TransactionMode mode = TransactionMode.of(p.unit());
        boolean piecewise = mode == TransactionMode.AUTO_COMMIT || mode == TransactionMode.SPLIT;
        return piecewise ? p.previousRun().get().statementsDone() : 0;
    }

    private UpResult upHolding(LeaseLock lock, HistoryChain fenced, List<Unit> units, Optional<Version> target,
                               UpOptions options, Optional<Supplier<String>> backup) {
        List<HistoryEntry> chain = fenced.read();
        try {
            long afterSeq = chain.stream().mapToLong(HistoryEntry::seq).max().orElse(0);
            Optional<Baseline> groupBaseline = Optional.empty();
            if (chain.isEmpty()) {
                Optional<Baseline> detected = detect();
                if (detected.isPresent()) {
                    Baseline b = detected.get();
                    log.accept("detected " + b.description() + " (" + b.evidence() + "); baselining at " + b.version());
                    if (options.group()) {
                        // The baseline joins the group's transaction: a refused or failed group leaves no chain.
                        groupBaseline = detected;
                        chain = List.of(plannedBaseline(b));
                    } else {
                        recordBaseline(fenced, b);
                        chain = fenced.read();
                        afterSeq = chain.stream().mapToLong(HistoryEntry::seq).max().orElse(0);
                    }
                }
            }
            Plan plan = Plan.of(units, chain, target, options);
            Optional<UpResult> verdict = verdictFromRead(units, chain, plan, true, options);
            if (verdict.isPresent()) {
                if (verdict.get() instanceof UpResult.UpToDate && groupBaseline.isPresent()) {
                    recordBaseline(fenced, groupBaseline.get()); // nothing else to group it with
                }
                return verdict.get();
            }
            String backupFile = "";
            if (backup.isPresent()) {
                try {
                    backupFile = backup.get().get();
                } catch (RuntimeException e) {
                    return new UpResult.BackupFailed(e.getMessage());
                }
                log.accept("backup before applying: " + backupFile);
            }
            List<PendingUnit> toRun = guards.toRun(plan);
            lock.markRun(toRun.stream().map(p -> RunningUnits.leased(p.unit())).toList(), afterSeq, options.group());
            return options.group() ? applyGroup(lock, fenced, plan, toRun, groupBaseline, backupFile)
                    : applyAll(lock, fenced, plan, toRun, backupFile);
        } catch (FenceLostException e) {
            return new UpResult.LeaseLost(List.of(), Optional.empty());
        }
    }

    /** The entry a detected baseline will have, for planning a group before anything is written. */
    private HistoryEntry plannedBaseline(Baseline b) {
        NewEntry e = baselineEntry(b);
        return new HistoryEntry("", 1, e.version(), e.description(), e.type(), e.checksum(), e.source(), e.installedBy(),
                ZonedDateTime.now(ZoneOffset.UTC), Optional.empty(), EntryState.BASELINE, e.rollback(),
                e.transactionMode(), 0, "", Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    private UpResult applyAll(LeaseLock lock, HistoryChain fenced, Plan plan, List<PendingUnit> toRun, String backupFile) {
        List<AppliedUnit> applied = new ArrayList<>();
        Optional<Version> current = plan.current();
        for (PendingUnit p : toRun) {
            Unit unit = p.unit();
            Optional<Precondition> skip = guards.unmetSkip(unit);
            if (skip.isPresent()) {
                log.accept("skipping " + unit.version() + " " + unit.description() + ": " + guards.skipReason(skip.get()));
                try {
                    fenced.recordSkipped(newEntry(unit, TransactionMode.of(unit), backupFile));
                } catch (FenceLostException e) {
                    return new UpResult.LeaseLost(applied, Optional.of(unit));
                }
                continue;
            }
            if (stop.isRequested()) {
                return new UpResult.Interrupted(applied, Optional.empty(), 0);
            }
            if (lock.isLost()) {
                return new UpResult.LeaseLost(applied, Optional.of(unit));
            }
            TransactionMode mode = TransactionMode.of(unit);
            Optional<UpResult> stopped = mode == TransactionMode.SINGLE
                    ? applyInOneTransaction(p, fenced, lock, backupFile, applied)
                    : applyPiecewise(p, mode, fenced, lock, backupFile, applied);
            if (stopped.isPresent()) {
                return stopped.get();
            }
            if (!(unit instanceof RepeatableUnit)) {
                current = Optional.of(unit.version());
            }
        }
        return new UpResult.Applied(applied, current);
    }

    /**
     * A single-transaction unit: its statements, its entry and the fence in one transaction, nothing written
     * before. Adds it to {@code applied}, or returns how the run ends.
     */
    private Optional<UpResult> applyInOneTransaction(PendingUnit p, HistoryChain fenced, LeaseLock lock,
                                                     String backupFile, List<AppliedUnit> applied) {
        Unit unit = p.unit();
        NewEntry entry = newEntry(unit, TransactionMode.SINGLE, backupFile);
        // Only an earlier release recorded a single-transaction unit running; that entry is finished, not left behind.
        Optional<HistoryEntry> interrupted = p.previousRun().filter(e -> e.state() == EntryState.RUNNING);
        log.accept("applying " + unit.version() + " " + unit.description() + " (" + p.reason() + ")");
        long started = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        try {
            runInOneTransaction(script(unit).statements(), lock, done, unitTask(unit), tx -> {
                FinishedRun run = FinishedRun.success(elapsedSince(started), elapsedSince(started), done.get());
                if (interrupted.isPresent()) {
                    fenced.resumeFinished(tx, interrupted.get().id(), installedBy, unit.checksum(), run);
                } else {
                    fenced.record(tx, entry, run);
                }
            });
        } catch (StopRequested s) {
            log.accept("stopped " + unit.version() + " after " + done.get() + " statements; its transaction rolled "
                    + "back, so the next run applies it");
            return Optional.of(new UpResult.Interrupted(applied, Optional.of(unit), 0));
        } catch (FenceLostException e) {
            return Optional.of(new UpResult.LeaseLost(applied, Optional.of(unit)));
        } catch (Exception e) {
            EntryError error = errorOf(e, done.get() + 1);
            FinishedRun run = FinishedRun.failure(elapsedSince(started), elapsedSince(started), done.get(), error);
            try {
                if (interrupted.isPresent()) {
                    fenced.resumeFinished(interrupted.get().id(), installedBy, unit.checksum(), run);
                } else {
                    fenced.record(entry, run);
                }
            } catch (FenceLostException lost) {
                return Optional.of(new UpResult.LeaseLost(applied, Optional.of(unit)));
            }
            return Optional.of(new UpResult.UnitFailed(applied, unit, error));
        }
        appliedNow(applied, unit, TransactionMode.SINGLE, elapsedSince(started));
        return Optional.empty();
    }

    /**
     * A unit that commits piece by piece (split, auto-commit, Java): recorded {@code running} first, its progress
     * after each piece, so an interrupted run resumes. Adds it to {@code applied}, or returns how the run ends.
     */
    private Optional<UpResult> applyPiecewise(PendingUnit p, TransactionMode mode, HistoryChain fenced, LeaseLock lock,
                                              String backupFile, List<AppliedUnit> applied) {
        Unit unit = p.unit();
        int startAt = resumeAt(p);
        HistoryEntry entry;
        try {
            if (p.previousRun().isPresent() && p.previousRun().get().state() == EntryState.RUNNING) {
                HistoryEntry old = p.previousRun().get();
                log.accept("resuming " + unit.version() + " " + unit.description() + " at statement "
                        + (startAt + 1) + " (an earlier run by " + old.installedBy() + " was interrupted)");
                entry = fenced.resume(old.id(), installedBy, unit.checksum());
            } else {
                log.accept("applying " + unit.version() + " " + unit.description() + " (" + p.reason() + ")");
                entry = fenced.begin(newEntry(unit, mode, backupFile));
            }
        } catch (FenceLostException e) {
            return Optional.of(new UpResult.LeaseLost(applied, Optional.of(unit)));
        }
        long started = System.nanoTime();
        AtomicInteger done = new AtomicInteger(startAt);
        try {
            if (unit instanceof JavaUnit j) {
                checkStop(lock);
                j.migration().apply(context());
                fenced.succeed(entry.id(), elapsedSince(started), 0);
            } else {
                runPiecewise(script(unit).statements(), mode, fenced, lock, entry, done, started);
            }
        } catch (StopRequested s) {
            log.accept("stopped " + unit.version() + " after " + done.get() + " statements; the next run resumes it");
            return Optional.of(new UpResult.Interrupted(applied, Optional.of(unit), done.get()));
        } catch (FenceLostException e) {
            return Optional.of(new UpResult.LeaseLost(applied, Optional.of(unit)));
        } catch (Exception e) {
            EntryError error = errorOf(e, unit instanceof JavaUnit ? 0 : done.get() + 1);
            try {
                fenced.fail(entry.id(), elapsedSince(started), done.get(), error);
            } catch (FenceLostException lost) {
                return Optional.of(new UpResult.LeaseLost(applied, Optional.of(unit)));
            }
            return Optional.of(new UpResult.UnitFailed(applied, unit, error));
        }
        appliedNow(applied, unit, mode, elapsedSince(started));
        return Optional.empty();
    }

    private void appliedNow(List<AppliedUnit> applied, Unit unit, TransactionMode mode, Duration elapsed) {
        applied.add(new AppliedUnit(unit.version(), unit.description(), unit.type(), unit.checksum(), mode, elapsed));
        log.accept("applied " + unit.version() + " in " + elapsed.toMillis() + " ms");
    }

    /** One unit's share of a group's transaction, recorded when the transaction ends. */
    private record GroupedRun(PendingUnit pending, NewEntry entry, boolean skipped, long startedNanos, Duration elapsed,
                              int statements) {
    }

    /**
     * Every unit of {@code toRun} (and a detected baseline) in one transaction: each unit's statements in order,
     * then every entry, in chain order, so the fence and the chain root are locked only just before the commit
     * and the lease's heartbeat is never held up. A failure or a stop rolls all of it back and records nothing.
     */
    private UpResult applyGroup(LeaseLock lock, HistoryChain fenced, Plan plan, List<PendingUnit> toRun,
                                Optional<Baseline> baseline, String backupFile) {
        AtomicReference<Unit> working = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean recording = new AtomicBoolean();
        List<GroupedRun> runs;
        log.accept("applying " + toRun.size() + (toRun.size() == 1 ? " unit" : " units") + " in one transaction (--group)");
        try (Session session = driver.session(sessionConfig)) {
            runs = session.executeWrite(tx -> {
                recording.set(false);
                List<GroupedRun> ran = new ArrayList<>();
                ScriptExecutor executor = new ScriptExecutor(session, () -> checkStop(lock));
                for (PendingUnit p : toRun) {
                    Unit unit = p.unit();
                    working.set(unit);
                    done.set(0);
                    NewEntry entry = newEntry(unit, TransactionMode.of(unit), backupFile);
                    Optional<Precondition> skip = guards.unmetSkip(unit);
                    if (skip.isPresent()) {
                        log.accept("skipping " + unit.version() + " " + unit.description() + ": "
                                + guards.skipReason(skip.get()));
                        ran.add(new GroupedRun(p, entry, true, System.nanoTime(), Duration.ZERO, 0));
                        continue;
                    }
                    log.accept("applying " + unit.version() + " " + unit.description() + " (" + p.reason() + ")");
                    long started = System.nanoTime();
                    executor.runIn(tx, placeholders.resolve(script(unit).statements()), done);
                    ran.add(new GroupedRun(p, entry, false, started, elapsedSince(started), done.get()));
                }
                recording.set(true);
                List<HistoryChain.Append> appends = new ArrayList<>();
                baseline.ifPresent(b -> appends.add(HistoryChain.Append.baseline(baselineEntry(b))));
                for (GroupedRun r : ran) {
                    working.set(r.pending().unit());
                    recordGrouped(tx, fenced, r).ifPresent(appends::add);
                }
                // Every new entry in one round trip: a group of 200 units no longer pays 200 of them here.
                fenced.appendAll(tx, appends);
                return ran;
            });
        } catch (StopRequested s) {
            log.accept("stopped during " + working.get().version() + "; the group's transaction rolled back, so nothing "
                    + "was applied or recorded and the next run applies the whole group");
            return new UpResult.Interrupted(List.of(), Optional.of(working.get()), 0);
        } catch (FenceLostException e) {
            return new UpResult.LeaseLost(List.of(), Optional.ofNullable(working.get()));
        } catch (RuntimeException e) {
            if (working.get() == null) {
                throw e; // an empty group: no unit to blame
            }
            String rolledBack = "the group's transaction rolled back: none of its " + toRun.size()
                    + " units was applied or recorded";
            EntryError error = recording.get()
                    ? new EntryError(codeOf(e), "every unit's statements ran, but recording their entries or "
                            + "committing failed, so " + rolledBack + ": " + firstLine(e), 0)
                    : new EntryError(codeOf(e), firstLine(e) + " (" + rolledBack + ")", done.get() + 1);
            return new UpResult.UnitFailed(List.of(), working.get(), error);
        }
        List<AppliedUnit> applied = new ArrayList<>();
        Optional<Version> current = plan.current();
        for (GroupedRun r : runs) {
            Unit unit = r.pending().unit();
            if (r.skipped()) {
                continue;
            }
            appliedNow(applied, unit, TransactionMode.SINGLE, r.elapsed());
            if (!(unit instanceof RepeatableUnit)) {
                current = Optional.of(unit.version());
            }
        }
        return new UpResult.Applied(applied, current);
    }

    /**
     * The entry a grouped unit appends, or none when it finishes the {@code running} entry an earlier release left
     * (updated here, in {@code tx}: it is in the chain already).
     */
    private Optional<HistoryChain.Append> recordGrouped(TransactionContext tx, HistoryChain fenced, GroupedRun r) {
        if (r.skipped()) {
            return Optional.of(HistoryChain.Append.skipped(r.entry()));
        }
        FinishedRun run = FinishedRun.success(r.elapsed(), elapsedSince(r.startedNanos()), r.statements());
        Optional<HistoryEntry> interrupted = r.pending().previousRun().filter(e -> e.state() == EntryState.RUNNING);
        if (interrupted.isPresent()) {
            fenced.resumeFinished(tx, interrupted.get().id(), installedBy, r.pending().unit().checksum(), run);
            return Optional.empty();
        }
        return Optional.of(HistoryChain.Append.finished(r.entry(), run));
    }

    private static CypherScript script(Unit unit) {
        if (unit instanceof CypherUnit c) {
            return c.script();
        }
        return ((RepeatableUnit) unit).script();
    }

    /** Asks each detector in turn; the first that recognises the database wins. */
    private Optional<Baseline> detect() {
        MigrationContext context = context();
        for (ShapeDetector d : detectors) {
            try {
                Optional<Baseline> b = d.detect(context);
                if (b.isPresent()) {
                    return b;
                }
            } catch (Exception e) {
                throw new IllegalStateException("shape detection failed (" + d.getClass().getSimpleName() + "): "
                        + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /** Records {@code baseline} on {@code chain}, which the caller has fenced with the lease. */
    public HistoryEntry recordBaseline(HistoryChain chain, Baseline baseline) {
        return chain.recordBaseline(baselineEntry(baseline));
    }

    private NewEntry baselineEntry(Baseline baseline) {
        return new NewEntry(baseline.version().text(), baseline.description(), "BASELINE", "",
                "evidence: " + baseline.evidence(), installedBy, RecordedRollback.none(), "none");
    }

    private MigrationContext context() {
        return new MigrationContext(driver, sessionConfig.database().orElse("neo4j"), log, counts);
    }

    private NewEntry newEntry(Unit unit, TransactionMode mode, String backupFile) {
        return new NewEntry(unit.version().text(), unit.description(), unit.type().name(), unit.checksum(),
                unit.source(), installedBy, unit.rollback().recorded().withBackup(backupFile), mode.label());
    }

    /** Runs {@code statements} in one transaction that {@code record} ends, inside it, before the commit. */
    private void runInOneTransaction(List<Statement> statements, LeaseLock lock, AtomicInteger done, String task,
                                     Consumer<TransactionContext> record) {
        // The record is written after the last statement: when it is the write that fails, the error must say so,
        // not name a statement the unit does not have. The failure is known by identity, because the driver rethrows
        // what the transaction function threw (and retries transient failures, so nothing may be wrapped there).
        AtomicReference<RuntimeException> recordingFailure = new AtomicReference<>();
        try (Session session = driver.session(sessionConfig)) {
            new ScriptExecutor(session, () -> checkStop(lock), counts, task).run(placeholders.resolve(statements),
                    TransactionMode.SINGLE, done, n -> { },
                    (tx, n) -> noteFailure(recordingFailure, () -> record.accept(tx)));
        } catch (FenceLostException | StopRequested e) {
            throw e;
        } catch (RuntimeException e) {
            if (e == recordingFailure.get()) {
                throw new AfterStatementsFailed(statements.size(),
                        "recording the unit's success failed, so the transaction they share with it rolled back", e);
            }
            if (done.get() == statements.size()) {
                throw new AfterStatementsFailed(statements.size(), "their transaction failed to commit", e);
            }
            throw e;
        }
    }

    /** Runs the rest of {@code statements} piece by piece, recording progress on {@code entry}, then success. */
    private void runPiecewise(List<Statement> statements, TransactionMode mode, HistoryChain fenced, LeaseLock lock,
                              HistoryEntry entry, AtomicInteger done, long started) {
        // Progress checksums cover the raw statements; the server gets them with placeholders resolved.
        List<Statement> resolved = placeholders.resolve(statements);
        AtomicReference<RuntimeException> recordingFailure = new AtomicReference<>();
        try (Session session = driver.session(sessionConfig)) {
            new ScriptExecutor(session, () -> checkStop(lock), counts, entry.version() + " " + entry.description())
                    .run(resolved, mode, done,
                            n -> fenced.progress(entry.id(), n, Checksums.ofStatements(statements.subList(0, n))),
                            (tx, n) -> { });
            noteFailure(recordingFailure, () -> fenced.succeed(entry.id(), elapsedSince(started), done.get()));
        } catch (FenceLostException | StopRequested e) {
            throw e;
        } catch (RuntimeException e) {
            if (e == recordingFailure.get()) {
                throw new AfterStatementsFailed(statements.size(), "recording the unit's success failed", e);
            }
            if (done.get() == statements.size()) {
                // Past the last statement only the last commit and the progress record are left; an auto-commit
                // statement has committed once it ran.
                throw new AfterStatementsFailed(statements.size(), mode == TransactionMode.AUTO_COMMIT
                        ? "recording the unit's progress failed"
                        : "committing the last of them or recording the unit's progress failed", e);
            }
            throw e;
        }
    }

    private static void noteFailure(AtomicReference<RuntimeException> failure, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            failure.set(e);
            throw e;
        }
    }

    /** Every statement of a unit ran, and then what follows them (the success record, the commit) failed. */
    private static final class AfterStatementsFailed extends RuntimeException {
        AfterStatementsFailed(int statements, String what, RuntimeException cause) {
            super((statements == 1 ? "its one statement ran" : "all " + statements + " statements ran") + ", but "
                    + what + ": " + firstLine(cause), cause, false, false);
        }
    }

    private static String firstLine(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("").strip();
    }

    private static String unitTask(Unit unit) {
        return unit.version() + " " + unit.description();
    }

    private void checkStop(LeaseLock lock) {
        if (stop.isRequested()) {
            throw new StopRequested();
        }
        if (lock.isLost()) {
            throw new FenceLostException("the migration lock was lost");
        }
    }

    private static EntryError errorOf(Exception e, int statementIndex) {
        if (e instanceof AfterStatementsFailed r) {
            // No statement failed: the code is the record write's, and no statement index is named.
            return new EntryError(codeOf(r.getCause()), r.getMessage(), 0);
        }
        return new EntryError(codeOf(e), firstLine(e), statementIndex);
    }

    private static String codeOf(Throwable e) {
        return e instanceof Neo4jException n && n.code() != null ? n.code() : e.getClass().getSimpleName();
    }

    private static Duration elapsedSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    /** Unwinds the current unit when a stop was requested; an open transaction rolls back. */
    private static final class StopRequested extends RuntimeException {
        StopRequested() {
            super("stop requested", null, false, false);
        }
    }
}
