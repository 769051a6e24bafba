package org.statestore.history.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.statestore.history.EntryError;
import org.statestore.history.EntryState;

/**
 * How a run ended, for a history write that records it in one go: a single-transaction unit has no entry
 * until its transaction commits with this.
 *
 * @param elapsed        how long the unit's work took
 * @param begunAgo       how long ago the run began, so the entry's {@code installed_on} is its start as for
 *                       units recorded {@code running} first (in a group, the units before it ran meanwhile)
 * @param statementsDone how many statements completed
 */
public record FinishedRun(EntryState state, Duration elapsed, Duration begunAgo, int statementsDone,
                          Optional<EntryError> error) {

    public FinishedRun {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(begunAgo, "begunAgo");
        Objects.requireNonNull(error, "error");
    }

    public static FinishedRun success(Duration elapsed, Duration begunAgo, int statementsDone) {
        return new FinishedRun(EntryState.SUCCESS, elapsed, begunAgo, statementsDone, Optional.empty());
    }

    public static FinishedRun failure(Duration elapsed, Duration begunAgo, int statementsDone, EntryError error) {
        return new FinishedRun(EntryState.FAILED, elapsed, begunAgo, statementsDone, Optional.of(error));
    }
}
