package org.statestore.migrate;

/**
 * How strict {@code migrate up} is.
 *
 * @param strict     refuse units applied by a newer release (by default a warning, so an app rollback to the
 *                   previous image still starts)
 * @param outOfOrder apply pending units older than the newest applied one instead of refusing them
 */
public record UpOptions(boolean strict, boolean outOfOrder) {

    public static final UpOptions DEFAULTS = new UpOptions(false, false);
}
