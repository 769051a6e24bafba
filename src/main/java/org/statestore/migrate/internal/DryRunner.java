package org.statestore.migrate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.value.ValueException;
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
import org.statestore.neo4j.ServerInfo;

/**
 * Runs a dry run ({@link DryRun}): lists what {@code up} (or {@code undo}) would do, and sends every Cypher
 * statement to the live server prefixed with {@code EXPLAIN}, which plans it without running it. Units'
 * {@code // requires:} and {@code // skip-unless:} conditions are judged as {@code up} judges them ({@link Guards}),
 * so a unit {@code up} would skip is listed as skipped and never sent. Takes no lease and writes nothing.
 */
public final class DryRunner {

    // EXPLAIN goes in front of everything, query options included: Neo4j 5 reads EXPLAIN CYPHER 5 runtime=slotted ...
    // but not CYPHER 5 EXPLAIN runtime=slotted ..., and one fixed prefix keeps the server's positions easy to map back.
    private static final String EXPLAIN = "EXPLAIN ";
    // How Neo4j's messages place an error: "(line 1, column 9 (offset: 8))", in the text it was sent.
    private static final Pattern SERVER_POSITION = Pattern.compile(
            "\\s*\\(line (\\d+), column (\\d+)(?: \\(offset: \\d+\\))?\\)");

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final Placeholders placeholders;
    private final Guards guards;

    /** A dry run against {@code server}, whose version and edition units' preconditions are judged against. */
    public DryRunner(Driver driver, SessionConfig sessionConfig, ServerInfo server) {
        this(driver, sessionConfig, Placeholders.NONE, server);
    }

    /** A dry run that checks statements with {@code placeholders} resolved, as {@code up} would send them. */
    public DryRunner(Driver driver, SessionConfig sessionConfig, Placeholders placeholders, ServerInfo server) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.placeholders = placeholders;
        this.guards = new Guards(server);
    }

    /** What {@code up} would apply against {@code chain}, each statement checked by the server. */
    public Outcome up(List<Unit> units, List<HistoryEntry> chain, Optional<Version> target, UpOptions options) {
        Plan plan = Plan.of(units, chain, target, options);
        List<String> problems = MigrationRunner.findings(plan, options, guards);
        if (!problems.isEmpty()) {
            return new Outcome.Refused(List.of(), new UpResult.ValidationFailed(problems));
        }
        if (plan.blocker().isPresent()) {
            return new Outcome.Refused(List.of(), new UpResult.Blocked(plan.blocker().get()));
        }
        List<PlannedUnit> planned = new ArrayList<>();
        for (PendingUnit p : guards.toRun(plan)) {
            Unit u = p.unit();
            CypherScript script = u instanceof CypherUnit c ? c.script()
                    : u instanceof RepeatableUnit r ? r.script() : null;
            Optional<String> skip = guards.unmetSkip(u).map(guards::skipReason);
            if (script != null) {
                planned.add(new PlannedUnit(u.version(), u.description(), u.type().name(), u.source(),
                        TransactionMode.of(script).label(), texts(script), u.rollback().recorded().summary(), true, skip));
                if (skip.isPresent()) {
                    continue; // up would not send it, and it may well not plan on this server
                }
                Optional<Outcome> invalid = explain(planned, script, u.source());
                if (invalid.isPresent()) {
                    return invalid.get();
                }
            } else {
                planned.add(new PlannedUnit(u.version(), u.description(), u.type().name(), u.source(),
                        TransactionMode.UNIT_MANAGED.label(), List.of(), u.rollback().recorded().summary(), false, skip));
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
                    session.run(EXPLAIN + placeholders.resolve(s).text()).consume();
                } catch (Neo4jException e) {
                    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    String first = message.lines().findFirst().orElse(message).strip();
                    Optional<Position> sent = Position.reportedBy(e, message);
                    Position inFile = sent.map(at -> at.inFile(s)).orElse(new Position(s.line(), 0));
                    // The server's own position counts in the text it was sent; the file's is named in front instead.
                    return Optional.of(new Outcome.Invalid(planned, source, inFile.line(), inFile.column(),
                            SERVER_POSITION.matcher(first).replaceFirst("").strip()));
                }
            }
        }
        return Optional.empty();
    }

    /** A 1-based line and column; column 0 when unknown. */
    record Position(int line, int column) {

        /** Where the server placed its error in the text it was sent: its GQL diagnostic record, else its message. */
        static Optional<Position> reportedBy(Neo4jException e, String message) {
            for (Optional<Neo4jException> at = Optional.of(e); at.isPresent(); at = at.get().gqlCause()) {
                Map<String, Value> diagnostics = at.get().diagnosticRecord();
                Value position = diagnostics == null ? null : diagnostics.get("_position");
                try {
                    if (position != null && !position.isNull() && position.containsKey("line")
                            && position.containsKey("column")) {
                        return Optional.of(new Position(position.get("line").asInt(), position.get("column").asInt()));
                    }
                } catch (ValueException notAPosition) {
                    // a server that fills the record otherwise: its message still names the position
                }
            }
            Matcher m = SERVER_POSITION.matcher(message);
            return m.find() ? Optional.of(new Position(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                    : Optional.empty();
        }

        /**
         * This position, counted in {@code EXPLAIN} + {@code statement}'s text, as a position in the statement's
         * file: lines count from the statement's first line, and on that line columns from its first column, after
         * the prefix.
         */
        Position inFile(Statement statement) {
            if (line <= 1) {
                int inStatement = Math.max(column - EXPLAIN.length(), 1);
                return new Position(statement.line(), statement.column() + inStatement - 1);
            }
            return new Position(statement.line() + line - 1, column);
        }
    }

    private static List<String> texts(CypherScript script) {
        return script.statements().stream().map(Statement::text).toList();
    }
}
