package org.statestore.lock;

import java.time.Duration;
import java.util.Optional;

/** The lease stayed held by another process for the whole lock timeout. */
public final class LockTimeoutException extends RuntimeException {

    private final transient Optional<LeaseState> heldBy;

    public LockTimeoutException(Duration waited, Optional<LeaseState> heldBy) {
        super("migration lock not acquired within " + waited.toMillis() + " ms"
                + heldBy.map(h -> ": " + h.describe()).orElse(""), null, false, false);
        this.heldBy = heldBy;
    }

    public Optional<LeaseState> heldBy() {
        return heldBy;
    }
}
