package org.statestore.migrate.internal;

import java.util.Objects;
import java.util.function.Supplier;

import org.statestore.lock.Holder;
import org.statestore.lock.LeaseSettings;

/**
 * Who takes the migration lease and how long it lives and is waited for. The holder is made when a lease is
 * taken: its random id and host name cost a no-op run, which takes none, a noticeable share of its start.
 */
public record LeaseOptions(Supplier<Holder> holders, LeaseSettings settings) {

    public LeaseOptions {
        Objects.requireNonNull(holders, "holders");
        Objects.requireNonNull(settings, "settings");
    }

    /** A fixed holder (tests, tools that name it). */
    public LeaseOptions(Holder holder, LeaseSettings settings) {
        this(() -> holder, settings);
        Objects.requireNonNull(holder, "holder");
    }

    /** The holder for the lease about to be taken. */
    public Holder holder() {
        return holders.get();
    }
}
