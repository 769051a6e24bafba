package org.statestore.migrate.internal;

import java.util.Objects;

import org.statestore.lock.Holder;
import org.statestore.lock.LeaseSettings;

/** Who takes the migration lease and how long it lives and is waited for. */
public record LeaseOptions(Holder holder, LeaseSettings settings) {

    public LeaseOptions {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(settings, "settings");
    }
}
