package org.statestore.migrate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.internal.HistoryChain;
import org.statestore.migrate.Repair.Outcome;
import org.statestore.migrate.Repair.Request;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitState;
import org.statestore.migrate.UnitStatus;
import org.statestore.migrate.Version;

/**
 * Applies a {@link Request} to the chain: failed runs marked for retry, an edited unit's new checksum
 * accepted, a deleted unit's entry retired. It never touches data.
 */
public final class RepairRunner {

    private final String by;

    public RepairRunner(String by) {
        this.by = by;
    }

    /** Applies {@code request} to {@code chain} (fenced by the caller's lease), comparing with {@code units}. */
    public Outcome apply(HistoryChain chain, List<Unit> units, Request request) {
        Plan plan = Plan.of(units, chain.read(), Optional.empty());
        List<String> changes = new ArrayList<>();
        if (request.acceptChecksum().isPresent()) {
            Version v = request.acceptChecksum().get();
            Optional<UnitStatus> s = find(plan, v);
            if (s.isEmpty() || s.get().state() != UnitState.SUCCESS || s.get().checksumMatches().orElse(true)) {
                return new Outcome.Refused("unit " + v + " is not an applied unit whose local checksum differs from "
                        + "the recorded one; nothing to accept");
            }
            String local = s.get().local().get().checksum();
            chain.acceptChecksum(s.get().recorded().get().id(), local, by);
            changes.add("accepted checksum " + local + " for unit " + v + " (was " + s.get().recorded().get().checksum()
                    + ")");
        }
        if (request.forget().isPresent()) {
            Version v = request.forget().get();
            Optional<UnitStatus> s = find(plan, v);
            if (s.isEmpty() || s.get().local().isPresent() || s.get().recorded().isEmpty()
                    || s.get().state() == UnitState.FORGOTTEN) {
                return new Outcome.Refused("unit " + v + " is not a recorded unit missing locally; only the entry of a "
                        + "deleted unit can be forgotten");
            }
            chain.forget(s.get().recorded().get().id(), by);
            changes.add("forgot unit " + v + " (" + s.get().description() + "); its entry stays in the chain as forgotten");
        }
        if (request.acceptChecksum().isEmpty() && request.forget().isEmpty()) {
            for (UnitStatus s : plan.statuses()) {
                HistoryEntry e = s.recorded().orElse(null);
                if (e != null && e.state() == EntryState.FAILED && !e.retryRequested()) {
                    chain.requestRetry(e.id(), by);
                    changes.add("marked failed unit " + s.version() + " for retry by the next 'migrate up'");
                }
            }
        }
        return new Outcome.Repaired(changes);
    }

    private static Optional<UnitStatus> find(Plan plan, Version v) {
        return plan.statuses().stream().filter(s -> s.version().equals(v)).findFirst();
    }
}
