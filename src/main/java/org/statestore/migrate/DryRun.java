package org.statestore.migrate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dry run reports ({@code Statestore.dryRunUp} and {@code dryRunUndo}): the plan as it would run, and
 * whether the server's planner accepted every statement. A dry run lists what {@code up} (or {@code undo}) would
 * do and sends every Cypher statement to the live server prefixed with {@code EXPLAIN}, which plans it (catching
 * syntax errors, unknown procedures, malformed schema commands) without running it; it takes no lease and writes
 * nothing. It judges units' {@code // requires:} and {@code // skip-unless:} conditions against the server exactly
 * as {@code up} does.
 */
public final class DryRun {

    private DryRun() {
    }

    /**
     * One unit of the plan as it would run.
     *
     * @param skipReason why {@code up} would skip the unit on this server (its unmet {@code // skip-unless:}
     *                   condition and the server); empty when it would run. A skipped unit's statements are not
     *                   sent to the server, as {@code up} would not send them.
     */
    public record PlannedUnit(Version version, String description, String type, String source, String transactionMode,
                              List<String> statements, String rollback, boolean inspectable, Optional<String> skipReason) {
        public PlannedUnit {
            statements = List.copyOf(statements);
            Objects.requireNonNull(skipReason, "skipReason");
        }

        /** A unit that would run. */
        public PlannedUnit(Version version, String description, String type, String source, String transactionMode,
                           List<String> statements, String rollback, boolean inspectable) {
            this(version, description, type, source, transactionMode, statements, rollback, inspectable, Optional.empty());
        }

        /** True when {@code up} would skip the unit on this server. */
        public boolean skipped() {
            return skipReason.isPresent();
        }
    }

    /** The outcome of a dry run. */
    public sealed interface Outcome {
        List<PlannedUnit> plan();

        /** Every statement was accepted by the server's planner. */
        record Valid(List<PlannedUnit> plan) implements Outcome {
        }

        /**
         * The server refused a statement: where in the unit's file (1-based line and column; column 0 when the
         * server named no position), and its message.
         */
        record Invalid(List<PlannedUnit> plan, String source, int line, int column, String message) implements Outcome {

            /** A refusal placed on a line only. */
            public Invalid(List<PlannedUnit> plan, String source, int line, String message) {
                this(plan, source, line, 0, message);
            }
        }

        /** The run would not start at all (blocked, edited units, ...), as the real {@code up} would say. */
        record Refused(List<PlannedUnit> plan, UpResult result) implements Outcome {
        }
    }
}
