package org.statestore.migrate.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.Neo4jException;
import org.statestore.cypher.CypherScript;
import org.statestore.cypher.Statement;
import org.statestore.history.EntryError;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.RecordedRollback;
import org.statestore.history.internal.HistoryChain;
import org.statestore.lock.LockTimeoutException;
import org.statestore.lock.internal.LeaseLock;
import org.statestore.migrate.JavaMigration;
import org.statestore.migrate.JavaUnit;
import org.statestore.migrate.MigrationContext;
import org.statestore.migrate.StopSignal;
import org.statestore.migrate.TransactionMode;
import org.statestore.migrate.UndoRequest;
import org.statestore.migrate.UndoResult;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitStatus;
import org.statestore.migrate.Version;
import org.statestore.progress.ProgressSink;

/**
 * Rolls applied units back, newest first, under the migration lease, from the rollback notes recorded
 * on their history entries (so an older release that no longer ships a unit can still undo it). Each
 * undone entry stays in the chain, marked {@code undone}. Stops at the first irreversible entry and
 * never goes below a baseline.
 */
public final class UndoRunner {

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final HistoryChain history;
    private final String undoneBy;
    private final Consumer<String> log;
    private final LeaseOptions lease;
    private final StopSignal stop;
    private final ProgressSink counts;

    public UndoRunner(Driver driver, SessionConfig sessionConfig, HistoryChain history, String undoneBy,
                      Consumer<String> log, LeaseOptions lease, StopSignal stop) {
        this(driver, sessionConfig, history, undoneBy, log, lease, stop, ProgressSink.NONE);
    }

    /** As above; countable {@code CALL { } IN TRANSACTIONS} undo statements and Java undos report to {@code counts}. */
    public UndoRunner(Driver driver, SessionConfig sessionConfig, HistoryChain history, String undoneBy,
                      Consumer<String> log, LeaseOptions lease, StopSignal stop,
                      ProgressSink counts) {
        this.counts = Objects.requireNonNull(counts, "counts");
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.history = history;
        this.undoneBy = undoneBy;
        this.log = log;
        this.lease = lease;
        this.stop = stop;
    }

    /** One step of an undo plan: an applied entry and how it will be rolled back. */
    public record Step(Version version, HistoryEntry entry) {
    }

    /** The entries {@code request} would roll back, newest first, ending at the first stop (irreversible or baseline). */
    public static List<Step> plan(List<HistoryEntry> chain, UndoRequest request) {
        Plan plan = Plan.of(List.of(), chain, Optional.empty());
        List<Step> steps = new ArrayList<>();
        List<UnitStatus> applied = plan.statuses().stream()
                .filter(s -> s.recorded().isPresent() && !s.repeatable())
                .filter(s -> s.recorded().get().state() == EntryState.SUCCESS
                        || s.recorded().get().state() == EntryState.BASELINE)
                .sorted(Comparator.comparing(UnitStatus::version).reversed())
                .toList();
        for (UnitStatus s : applied) {
            boolean wanted = request.to().map(to -> s.version().compareTo(to) > 0)
                    .orElseGet(() -> steps.size() < request.steps().getAsInt());
            if (!wanted) {
                break;
            }
            steps.add(new Step(s.version(), s.recorded().get()));
            if (s.recorded().get().state() == EntryState.BASELINE || !s.recorded().get().rollback().reversible()) {
                break;
            }
        }
        return steps;
    }

    /** Rolls back what {@code request} asks for; Java undo methods come from {@code units}. */
    public UndoResult undo(List<Unit> units, UndoRequest request) {
        LeaseLock lock;
        try {
            lock = LeaseLock.acquire(driver, sessionConfig, lease.holder(), lease.settings(), log);
        } catch (LockTimeoutException e) {
            return new UndoResult.LockTimeout(e.heldBy(), e.getMessage());
        }
        try {
            HistoryChain fenced = history.fencedBy(lock);
            List<Version> undone = new ArrayList<>();
            for (Step step : plan(fenced.read(), request)) {
                HistoryEntry entry = step.entry();
                if (entry.state() == EntryState.BASELINE) {
                    return new UndoResult.StoppedAtBaseline(undone, step.version());
                }
                RecordedRollback rollback = entry.rollback();
                if (!rollback.reversible()) {
                    return new UndoResult.StoppedAtIrreversible(undone, step.version(), entry.description(),
                            rollback.summary());
                }
                if (stop.isRequested()) {
                    return new UndoResult.Undone(undone);
                }
                log.accept("undoing " + step.version() + " " + entry.description() + " (" + rollback.kind() + ")");
                long started = System.nanoTime();
                try {
                    if (RecordedRollback.JAVA_UNDO.equals(rollback.kind())) {
                        javaUndo(units, rollback).undo(new MigrationContext(driver,
                                sessionConfig.database().orElse("neo4j"), log, counts));
                    } else {
                        runRecorded(step.version(), rollback);
                    }
                } catch (Exception e) {
                    String message = e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage().lines().findFirst().orElse("");
                    String code = e instanceof Neo4jException n && n.code() != null ? n.code() : e.getClass().getSimpleName();
                    return new UndoResult.UndoFailed(undone, step.version(), new EntryError(code, message, 0));
                }
                fenced.markUndone(entry.id(), undoneBy, Duration.ofNanos(System.nanoTime() - started));
                undone.add(step.version());
            }
            return new UndoResult.Undone(undone);
        } finally {
            lock.release();
        }
    }

    /** The recorded undo statements as a script, so they run in the mode they need. */
    static CypherScript recordedScript(Version version, RecordedRollback rollback) {
        List<Statement> statements = new ArrayList<>();
        for (String text : rollback.statements()) {
            statements.add(new Statement(text, 1));
        }
        return new CypherScript("undo of " + version + " (" + rollback.source() + ")", statements);
    }

    private void runRecorded(Version version, RecordedRollback rollback) {
        CypherScript script = recordedScript(version, rollback);
        try (Session session = driver.session(sessionConfig)) {
            new ScriptExecutor(session, () -> { }, counts, "undo " + version).run(script.statements(), TransactionMode.of(script),
                    new AtomicInteger(), n -> { }, (tx, n) -> { });
        }
    }

    private static JavaMigration javaUndo(List<Unit> units, RecordedRollback rollback) {
        return units.stream().filter(u -> u instanceof JavaUnit j && j.source().equals(rollback.source()))
                .map(u -> ((JavaUnit) u).migration()).findFirst()
                .orElseThrow(() -> new IllegalStateException("Java unit " + rollback.source()
                        + " is not part of this release, so its undo method cannot run"));
    }
}
