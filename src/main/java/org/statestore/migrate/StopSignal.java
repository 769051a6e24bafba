package org.statestore.migrate;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop at the next safe point (between statements; an open single transaction is rolled
 * back), set by a signal handler and polled by the runner. It remembers why, so the exit code can tell an
 * operator's Ctrl-C (130) from an orchestrator's SIGTERM (143).
 */
public final class StopSignal {

    /** Why the process is asked to stop. */
    public enum Reason { INTERRUPT, TERMINATE }

    private final AtomicReference<Reason> requested = new AtomicReference<>();

    /** A stop for an unknown reason (the JVM is shutting down): counted as a termination. */
    public void request() {
        request(Reason.TERMINATE);
    }

    /** The first request wins: a SIGINT followed by the shutdown it starts stays an interrupt. */
    public void request(Reason reason) {
        requested.compareAndSet(null, reason);
    }

    public boolean isRequested() {
        return requested.get() != null;
    }

    public Optional<Reason> reason() {
        return Optional.ofNullable(requested.get());
    }
}
