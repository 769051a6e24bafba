package org.statestore.migrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.Neo4jException;
import org.statestore.cypher.Statement;
import org.statestore.history.EntryError;
import org.statestore.history.HistoryChain;
import org.statestore.history.HistoryEntry;
import org.statestore.history.NewEntry;

/**
 * Applies pending units in version order, recording each run in the history chain: {@code running}
 * before the work starts, then {@code success} or {@code failed}. Stops at the first failure.
 */
public final class MigrationRunner {

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final HistoryChain history;
    private final String installedBy;
    private final Consumer<String> log;
    private final List<ShapeDetector> detectors;

    public MigrationRunner(Driver driver, SessionConfig sessionConfig, HistoryChain history, String installedBy,
                           Consumer<String> log, List<ShapeDetector> detectors) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.history = history;
        this.installedBy = installedBy;
        this.log = log;
        this.detectors = List.copyOf(detectors);
    }

    /** Reads the chain, plans against {@code units} and applies what is pending up to {@code target}. */
    public UpResult up(List<Unit> units, Optional<Version> target) {
        List<HistoryEntry> chain = history.read();
        if (chain.isEmpty()) {
            Optional<Baseline> detected = detect();
            if (detected.isPresent()) {
                Baseline b = detected.get();
                log.accept("detected " + b.description() + " (" + b.evidence() + "); baselining at " + b.version());
                recordBaseline(b);
                chain = history.read();
            }
        }
        Plan plan = Plan.of(units, chain, target);
        if (plan.blocker().isPresent()) {
            return new UpResult.Blocked(plan.blocker().get());
        }
        if (plan.pending().isEmpty()) {
            return new UpResult.UpToDate(plan.current());
        }
        List<AppliedUnit> applied = new ArrayList<>();
        Optional<Version> current = plan.current();
        for (PendingUnit p : plan.pending()) {
            Unit unit = p.unit();
            log.accept("applying " + unit.version() + " " + unit.description() + " (" + p.reason() + ")");
            TransactionMode mode = TransactionMode.of(unit);
            HistoryEntry entry = history.begin(new NewEntry(unit.version().text(), unit.description(),
                    unit.type().name(), unit.checksum(), unit.source(), installedBy, "", mode.label()));
            long started = System.nanoTime();
            AtomicInteger done = new AtomicInteger();
            try {
                if (unit instanceof CypherUnit c) {
                    runScript(c, mode, entry, done, started);
                } else {
                    JavaUnit j = (JavaUnit) unit;
                    j.migration().apply(context());
                    history.succeed(entry.id(), elapsedSince(started), 0);
                }
            } catch (Exception e) {
                EntryError error = errorOf(e, unit instanceof CypherUnit ? done.get() + 1 : 0);
                history.fail(entry.id(), elapsedSince(started), done.get(), error);
                return new UpResult.UnitFailed(applied, unit, error);
            }
            Duration elapsed = elapsedSince(started);
            applied.add(new AppliedUnit(unit.version(), unit.description(), unit.type(), unit.checksum(), mode, elapsed));
            current = Optional.of(unit.version());
            log.accept("applied " + unit.version() + " in " + elapsed.toMillis() + " ms");
        }
        return new UpResult.Applied(applied, current);
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

    /** Records {@code baseline} as the chain's first entry. */
    public HistoryEntry recordBaseline(Baseline baseline) {
        return history.recordBaseline(new NewEntry(baseline.version().text(), baseline.description(), "BASELINE",
                "", "evidence: " + baseline.evidence(), installedBy, "", "none"));
    }

    private MigrationContext context() {
        return new MigrationContext(driver, sessionConfig.database().orElse("neo4j"), log);
    }

    private void runScript(CypherUnit unit, TransactionMode mode, HistoryEntry entry, AtomicInteger done,
                           long started) {
        List<Statement> statements = unit.script().statements();
        try (Session session = driver.session(sessionConfig)) {
            switch (mode) {
                case AUTO_COMMIT -> {
                    for (Statement s : statements) {
                        session.run(s.text()).consume();
                        history.progress(entry.id(), done.incrementAndGet());
                    }
                    history.succeed(entry.id(), elapsedSince(started), done.get());
                }
                case SINGLE -> session.executeWriteWithoutResult(tx -> {
                    done.set(0);
                    runAll(tx, statements, done);
                    history.succeed(tx, entry.id(), elapsedSince(started), done.get());
                });
                default -> {
                    // Consecutive statements of one kind (schema or data) share a transaction.
                    for (List<Statement> group : groups(statements)) {
                        int before = done.get();
                        session.executeWriteWithoutResult(tx -> {
                            done.set(before);
                            runAll(tx, group, done);
                        });
                        history.progress(entry.id(), done.get());
                    }
                    history.succeed(entry.id(), elapsedSince(started), done.get());
                }
            }
        }
    }

    private static void runAll(TransactionContext tx, List<Statement> statements, AtomicInteger done) {
        for (Statement s : statements) {
            tx.run(s.text()).consume();
            done.incrementAndGet();
        }
    }

    static List<List<Statement>> groups(List<Statement> statements) {
        List<List<Statement>> groups = new ArrayList<>();
        List<Statement> current = new ArrayList<>();
        Boolean schema = null;
        for (Statement s : statements) {
            if (schema != null && schema != s.isSchemaCommand()) {
                groups.add(current);
                current = new ArrayList<>();
            }
            schema = s.isSchemaCommand();
            current.add(s);
        }
        groups.add(current);
        return groups;
    }

    private static EntryError errorOf(Exception e, int statementIndex) {
        String code = e instanceof Neo4jException n && n.code() != null ? n.code() : e.getClass().getSimpleName();
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("").strip();
        return new EntryError(code, message, statementIndex);
    }

    private static Duration elapsedSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
