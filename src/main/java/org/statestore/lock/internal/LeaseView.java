package org.statestore.lock.internal;

import java.util.List;
import java.util.Objects;

import org.statestore.lock.LeaseState;

/**
 * A live lease as {@code migrate info} reads it: who holds it and, for a {@code migrate up} run, the units the
 * run applies in order, marked on the lease before the first of them began ({@link LeaseLock#markRun}). Which of
 * them is running follows from the history: the first without an entry newer than {@code afterSeq}.
 *
 * @param applying the run's units, in the order it applies them; empty when the holder marked none
 * @param afterSeq the {@code seq} of the newest history entry when the run began (0 for an empty chain)
 * @param grouped  whether the units share one transaction ({@code migrate up --group}), so all are in flight at once
 */
public record LeaseView(LeaseState state, List<Unit> applying, long afterSeq, boolean grouped) {

    public LeaseView {
        Objects.requireNonNull(state, "state");
        applying = List.copyOf(applying);
    }

    /** A unit as its history entries name it: its version as written (R for a repeatable one) and description. */
    public record Unit(String version, String description) {
        public Unit {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(description, "description");
        }
    }
}
