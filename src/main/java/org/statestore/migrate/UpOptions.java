package org.statestore.migrate;

/**
 * How strict {@code migrate up} is.
 *
 * @param strict      refuse units applied by a newer release (by default a warning, so an app rollback to the
 *                    previous image still starts)
 * @param outOfOrder  apply pending units older than the newest applied one instead of refusing them
 * @param retryFailed rerun a failed unit even when it is unchanged, as alchemiscale's {@code database init} simply
 *                    retries: its cause (say duplicate identifiers) lies in the data, not in the unit
 */
public record UpOptions(boolean strict, boolean outOfOrder, boolean retryFailed) {

    public static final UpOptions DEFAULTS = new UpOptions(false, false, false);

    public UpOptions(boolean strict, boolean outOfOrder) {
        this(strict, outOfOrder, false);
    }
}
