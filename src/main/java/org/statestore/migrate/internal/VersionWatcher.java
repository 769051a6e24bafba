package org.statestore.migrate.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.statestore.history.internal.HistoryChain;
import org.statestore.migrate.StopSignal;
import org.statestore.migrate.Version;
import org.statestore.migrate.VersionWatch.Outcome;
import org.statestore.migrate.VersionWatch;

/**
 * Polls the history chain, without any lock, until the database reaches a version ({@link VersionWatch}).
 */
public final class VersionWatcher {

    private final HistoryChain history;
    private final Consumer<String> log;

    public VersionWatcher(HistoryChain history, Consumer<String> log) {
        this.history = history;
        this.log = log;
    }

    public Outcome await(Version wanted, Duration timeout, Duration interval, StopSignal stop) {
        Instant deadline = Instant.now().plus(timeout);
        Optional<Version> last = null;
        while (true) {
            Optional<Version> current = Plan.of(List.of(), history.read(), Optional.empty()).current();
            if (current.isPresent() && current.get().compareTo(wanted) >= 0) {
                return new Outcome.Reached(current);
            }
            if (!current.equals(last)) {
                log.accept("waiting for version " + wanted + "; database is at "
                        + current.map(Version::text).orElse("no version"));
                last = current;
            }
            if (!Instant.now().isBefore(deadline) || stop.isRequested()) {
                return new Outcome.TimedOut(current);
            }
            try {
                Thread.sleep(Math.min(interval.toMillis(), Math.max(1, Duration.between(Instant.now(), deadline).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome.TimedOut(current);
            }
        }
    }
}
