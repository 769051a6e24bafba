package org.statestore.migrate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.Neo4jException;
import org.statestore.cypher.CypherScript;
import org.statestore.cypher.Statement;
import org.statestore.history.HistoryEntry;
import org.statestore.migrate.CypherUnit;
import org.statestore.migrate.DryRun.Outcome;
import org.statestore.migrate.DryRun.PlannedUnit;
import org.statestore.migrate.DryRun;
import org.statestore.migrate.Placeholders;
import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.TransactionMode;
import org.statestore.migrate.UndoRequest;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UpOptions;
import org.statestore.migrate.UpResult;
import org.statestore.migrate.Version;

/**
 * Runs a dry run ({@link DryRun}): lists what {@code up} (or {@code undo}) would do, and sends every Cypher
 * statement to the live server prefixed with {@code EXPLAIN}, which plans it without running it. Takes no lease
 * and writes nothing.
 */
public final class DryRunner {

    private static final Pattern SERVER_POSITION = Pattern.compile("\\(line (\\d+), column (\\d+)");

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final Placeholders placeholders;

    public DryRunner(Driver driver, SessionConfig sessionConfig) {
        this(driver, sessionConfig, Placeholders.NONE);
    }

    /** A dry run that checks statements with {@code placeholders} resolved, as {@code up} would send them. */
    public DryRunner(Driver driver, SessionConfig sessionConfig, Placeholders placeholders) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.placeholders = placeholders;
    }

    /** What {@code up} would apply against {@code chain}, each statement checked by the server. */
    public Outcome up(List<Unit> units, List<HistoryEntry> chain, Optional<Version> target, UpOptions options) {
        Plan plan = Plan.of(units, chain, target, options);
        List<String> problems = plan.problems(options.strict(), options.outOfOrder());
        if (!problems.isEmpty()) {
            return new Outcome.Refused(List.of(), new UpResult.ValidationFailed(problems));
        }
        if (plan.blocker().isPresent()) {
            return new Outcome.Refused(List.of(), new UpResult.Blocked(plan.blocker().get()));
        }
        List<PlannedUnit> planned = new ArrayList<>();
        for (PendingUnit p : plan.pending()) {
            Unit u = p.unit();
            CypherScript script = u instanceof CypherUnit c ? c.script()
                    : u instanceof RepeatableUnit r ? r.script() : null;
            if (script != null) {
                planned.add(new PlannedUnit(u.version(), u.description(), u.type().name(), u.source(),
                        TransactionMode.of(script).label(), texts(script), u.rollback().recorded().summary(), true));
                Optional<Outcome> invalid = explain(planned, script, u.source());
                if (invalid.isPresent()) {
                    return invalid.get();
                }
            } else {
                planned.add(new PlannedUnit(u.version(), u.description(), u.type().name(), u.source(),
                        TransactionMode.UNIT_MANAGED.label(), List.of(), u.rollback().recorded().summary(), false));
            }
        }
        return new Outcome.Valid(planned);
    }

    /** What {@code undo} would roll back, each recorded undo statement checked by the server. */
    public Outcome undo(List<HistoryEntry> chain, UndoRequest request) {
        List<PlannedUnit> planned = new ArrayList<>();
        for (UndoRunner.Step step : UndoRunner.plan(chain, request)) {
            HistoryEntry e = step.entry();
            var rollback = e.rollback();
            CypherScript script = rollback.statements().isEmpty() ? null : UndoRunner.recordedScript(step.version(), rollback);
            planned.add(new PlannedUnit(step.version(), e.description(), e.type(), rollback.source(),
                    script == null ? "-" : TransactionMode.of(script).label(), rollback.statements(), rollback.summary(),
                    script != null));
            if (script != null) {
                Optional<Outcome> invalid = explain(planned, script, "undo of " + step.version() + " (" + rollback.source() + ")");
                if (invalid.isPresent()) {
                    return invalid.get();
                }
            }
        }
        return new Outcome.Valid(planned);
    }

    private Optional<Outcome> explain(List<PlannedUnit> planned, CypherScript script, String source) {
        // Auto-commit session.run: EXPLAIN of CALL { } IN TRANSACTIONS is refused inside managed transactions.
        try (Session session = driver.session(sessionConfig)) {
            for (Statement s : script.statements()) {
                try {
                    session.run("EXPLAIN " + placeholders.resolve(s).text()).consume();
                } catch (Neo4jException e) {
                    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    Matcher m = SERVER_POSITION.matcher(message);
                    int line = s.line() + (m.find() ? Integer.parseInt(m.group(1)) - 1 : 0);
                    return Optional.of(new Outcome.Invalid(planned, source, line,
                            message.lines().findFirst().orElse(message).strip()));
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> texts(CypherScript script) {
        return script.statements().stream().map(Statement::text).toList();
    }
}
