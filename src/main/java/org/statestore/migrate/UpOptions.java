package org.statestore.migrate;

/**
 * How strict {@code migrate up} is, and how it groups units into transactions.
 *
 * @param strict      refuse units applied by a newer release (by default a warning, so an app rollback to the
 *                    previous image still starts)
 * @param outOfOrder  apply pending units older than the newest applied one instead of refusing them
 * @param retryFailed rerun a failed unit even when it is unchanged, as alchemiscale's {@code database init} simply
 *                    retries: its cause (say duplicate identifiers) lies in the data, not in the unit
 * @param group       apply every pending unit in one transaction, all or nothing, each with its own history entry
 *                    ({@code migrate up --group}, Flyway's {@code group}); a pending unit that cannot run inside
 *                    one transaction (a schema/data split, {@code CALL { } IN TRANSACTIONS}, a Java unit) refuses
 *                    the run before anything is written ({@link UpResult.ValidationFailed})
 */
public record UpOptions(boolean strict, boolean outOfOrder, boolean retryFailed, boolean group) {

    public static final UpOptions DEFAULTS = new UpOptions(false, false, false, false);

    public UpOptions(boolean strict, boolean outOfOrder, boolean retryFailed) {
        this(strict, outOfOrder, retryFailed, false);
    }

    public UpOptions(boolean strict, boolean outOfOrder) {
        this(strict, outOfOrder, false, false);
    }

    /** These options with every pending unit applied in one transaction. */
    public UpOptions grouped() {
        return new UpOptions(strict, outOfOrder, retryFailed, true);
    }
}
