package org.statestore.cli;

import java.time.Duration;

import org.statestore.lock.LeaseSettings;

import picocli.CommandLine.Option;

/** The migration lease flags of commands that change the database's schema or history. */
final class LockOptions {

    @Option(names = "--lock-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "10m", description = "How long to wait while another process holds the migration lock "
                    + "(printing who). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--lock-ttl", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "How long the lock lives unless renewed; a killed holder's lock is free after this. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration ttl;

    @Option(names = "--heartbeat", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "How often the holder renews the lock (at most half the TTL). Default: ${DEFAULT-VALUE}.")
    Duration heartbeat;

    LeaseSettings settings() {
        try {
            return new LeaseSettings(ttl, heartbeat, timeout);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
