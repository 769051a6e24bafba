package org.statestore.lock;

import java.time.Duration;
import java.util.Objects;

/**
 * How the lease behaves.
 *
 * @param ttl       how long a lease lives without renewal (a killed holder's lease is free after this)
 * @param heartbeat how often the holder renews it; must be well below {@code ttl}
 * @param timeout   how long a follower waits for a held lease before giving up
 */
public record LeaseSettings(Duration ttl, Duration heartbeat, Duration timeout) {

    public static final LeaseSettings DEFAULTS = new LeaseSettings(Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofMinutes(10));

    public LeaseSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(timeout, "timeout");
        if (ttl.toMillis() < 1000) {
            throw new IllegalArgumentException("lock TTL must be at least 1s");
        }
        // In milliseconds: Duration.dividedBy goes through BigDecimal, a cold path every run would pay for.
        if (heartbeat.isZero() || heartbeat.isNegative() || heartbeat.toMillis() > ttl.toMillis() / 2) {
            throw new IllegalArgumentException("heartbeat must be positive and at most half the lock TTL ("
                    + ttl.toMillis() / 2 + " ms)");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("lock timeout must not be negative");
        }
    }
}
