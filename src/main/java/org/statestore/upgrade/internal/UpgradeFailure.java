package org.statestore.upgrade.internal;

/** A failed upgrade step: which one, why, and what kind of failure it is (for the exit code). */
public final class UpgradeFailure extends RuntimeException {

    /** What went wrong, as far as the caller's exit code is concerned. */
    public enum Kind {
        /** The input is not a usable Neo4j 4.4 dump (not a dump, truncated, corrupt). */
        BAD_INPUT,
        /** Nothing needs doing, or the target is not in the state the step needs (not empty, in use, 5.x dump). */
        REFUSED,
        /** A step of the upgrade itself failed. */
        STEP_FAILED
    }

    private final Kind kind;
    private final String step;

    public UpgradeFailure(Kind kind, String step, String message) {
        super(step + ": " + message, null, false, false);
        this.kind = kind;
        this.step = step;
    }

    public Kind kind() {
        return kind;
    }

    public String step() {
        return step;
    }
}
