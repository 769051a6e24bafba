package org.statestore.migrate;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop at the next safe point (between statements; an open single transaction is rolled
 * back), set by a signal handler and polled by the runner.
 */
public final class StopSignal {

    private final AtomicBoolean requested = new AtomicBoolean();

    public void request() {
        requested.set(true);
    }

    public boolean isRequested() {
        return requested.get();
    }
}
