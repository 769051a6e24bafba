package org.statestore.migrate;

import java.util.List;

/**
 * Whether a database is ready for the application its units belong to, as {@code migrate status --check}
 * and an embedding application's readiness probe judge it: a failed unit makes it {@link Verdict#FAILED}
 * (it needs a person, waiting will not help); else a pending or running unit makes it
 * {@link Verdict#PENDING} (a migration is due or under way); else it is {@link Verdict#READY}. No other
 * state (missing, future, above target, ...) holds it back.
 *
 * @param pending versions of the pending units, oldest first
 * @param running versions of the units whose run has not finished
 * @param failed  versions of the units whose newest run failed
 */
public record Readiness(List<Version> pending, List<Version> running, List<Version> failed) {

    /** The judgement, from ready to failed. */
    public enum Verdict {
        READY, PENDING, FAILED
    }

    public Readiness {
        pending = List.copyOf(pending);
        running = List.copyOf(running);
        failed = List.copyOf(failed);
    }

    /** Judges {@code units}, the statuses {@code migrate info} shows. */
    public static Readiness of(List<UnitStatus> units) {
        return new Readiness(versions(units, UnitState.PENDING), versions(units, UnitState.RUNNING),
                versions(units, UnitState.FAILED));
    }

    public Verdict verdict() {
        if (!failed.isEmpty()) {
            return Verdict.FAILED;
        }
        return pending.isEmpty() && running.isEmpty() ? Verdict.READY : Verdict.PENDING;
    }

    public boolean ready() {
        return verdict() == Verdict.READY;
    }

    private static List<Version> versions(List<UnitStatus> units, UnitState state) {
        return units.stream().filter(u -> u.state() == state).map(UnitStatus::version).toList();
    }
}
