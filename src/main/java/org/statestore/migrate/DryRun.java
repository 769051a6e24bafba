package org.statestore.migrate;

import java.util.List;

/**
 * What a dry run reports ({@code Statestore.dryRunUp} and {@code dryRunUndo}): the plan as it would run, and
 * whether the server's planner accepted every statement. A dry run lists what {@code up} (or {@code undo}) would
 * do and sends every Cypher statement to the live server prefixed with {@code EXPLAIN}, which plans it (catching
 * syntax errors, unknown procedures, malformed schema commands) without running it; it takes no lease and writes
 * nothing.
 */
public final class DryRun {

    private DryRun() {
    }

    /** One unit of the plan as it would run. */
    public record PlannedUnit(Version version, String description, String type, String source, String transactionMode,
                              List<String> statements, String rollback, boolean inspectable) {
        public PlannedUnit {
            statements = List.copyOf(statements);
        }
    }

    /** The outcome of a dry run. */
    public sealed interface Outcome {
        List<PlannedUnit> plan();

        /** Every statement was accepted by the server's planner. */
        record Valid(List<PlannedUnit> plan) implements Outcome {
        }

        /** The server refused a statement: where, and its message. */
        record Invalid(List<PlannedUnit> plan, String source, int line, String message) implements Outcome {
        }

        /** The run would not start at all (blocked, edited units, ...), as the real {@code up} would say. */
        record Refused(List<PlannedUnit> plan, UpResult result) implements Outcome {
        }
    }
}
