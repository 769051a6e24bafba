package org.statestore.alchemiscale;

import java.util.Locale;
import java.util.Objects;

/**
 * One thing an alchemiscale release cannot read, or that alchemiscale's {@code database check} rejects, with
 * the command that fixes it.
 *
 * @param kind    what sort of problem, for scripts
 * @param problem what is wrong, one line
 * @param count   how many nodes, relationships, constraints or units it concerns
 * @param fix     the command (or steps) that fixes it, one line
 */
public record Finding(Kind kind, String problem, long count, String fix) {

    /** The sorts of findings; {@link #label()} is how JSON names them. */
    public enum Kind {
        /** alchemiscale's own check fails: a constraint missing, misshapen, renamed or extra. */
        CONSTRAINT,
        /** statestore's history chain is not one intact chain. */
        HISTORY_CHAIN,
        /** A unit's newest run began and did not finish. */
        UNIT_RUNNING,
        /** A unit's newest run failed. */
        UNIT_FAILED,
        /** An applied unit was edited since it ran. */
        UNIT_EDITED,
        /** An applied unit this statestore does not ship (deleted, or from a newer statestore). */
        UNIT_MISSING,
        /** AlchemicalNetworks without a NetworkMark (v0.4+). */
        UNMARKED_NETWORKS,
        /** LocalDateTime values where v0.7+ compares zoned DateTime. */
        LOCAL_TIMES,
        /** Zoned DateTime values where v0.1-v0.6 compare LocalDateTime. */
        ZONED_TIMES,
        /** Compute service registrations without the list v0.7's claim check reads. */
        FAILURE_TIMES,
        /** Compute service registrations whose identifier alchemiscale after v0.7.2 rejects. */
        COMPUTE_SERVICE_ID,
        /** An identity whose identifier alchemiscale's /token lookup cannot match. */
        IDENTITY_IDENTIFIER;

        /** Lower case and hyphenated: {@code compute-service-id}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    /** The finding on one line: the problem, then its fix. */
    public String line() {
        return problem + "; fix: " + fix;
    }
}
