package org.statestore.migrate.internal;

import java.util.List;
import java.util.Optional;

import org.statestore.history.EntryState;
import org.statestore.migrate.CypherUnit;
import org.statestore.migrate.Precondition;
import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.Unit;
import org.statestore.neo4j.ServerInfo;

/**
 * Units' {@code // requires:} and {@code // skip-unless:} conditions judged against one server. {@code up} and its
 * dry run both ask here, so a dry run fails, skips and runs exactly the units {@code up} would.
 */
record Guards(ServerInfo server) {

    static List<Precondition> preconditions(Unit unit) {
        if (unit instanceof CypherUnit c) {
            return c.preconditions();
        }
        if (unit instanceof RepeatableUnit r) {
            return r.preconditions();
        }
        return List.of();
    }

    /** A finding for each {@code // requires:} of {@code unit} the server does not meet. */
    List<String> unmetRequirements(Unit unit) {
        return preconditions(unit).stream()
                .filter(c -> c.onUnmet() == Precondition.OnUnmet.FAIL && !c.metBy(server))
                .map(c -> "unit " + unit.version() + " (" + unit.source() + ") declares '" + c.describe()
                        + "' but the server is " + serverName() + "; nothing was applied")
                .toList();
    }

    /** The first {@code // skip-unless:} condition the server does not meet, if any. */
    Optional<Precondition> unmetSkip(Unit unit) {
        return preconditions(unit).stream()
                .filter(c -> c.onUnmet() == Precondition.OnUnmet.SKIP && !c.metBy(server)).findFirst();
    }

    /** Why {@code unit} is skipped: its unmet condition and the server. */
    String skipReason(Precondition unmet) {
        return "'" + unmet.describe() + "' is not met by " + serverName();
    }

    /** Pending units minus those already recorded as skipped whose condition is still unmet: nothing to do for them. */
    List<PendingUnit> toRun(Plan plan) {
        return plan.pending().stream().filter(p -> !(p.previousRun().isPresent()
                && p.previousRun().get().state() == EntryState.SKIPPED
                && p.previousRun().get().checksum().equals(p.unit().checksum())
                && unmetSkip(p.unit()).isPresent())).toList();
    }

    private String serverName() {
        return "Neo4j " + server.version() + " " + server.edition();
    }
}
