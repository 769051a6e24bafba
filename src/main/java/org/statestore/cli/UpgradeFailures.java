package org.statestore.cli;

import org.statestore.upgrade.internal.UpgradeFailure;

/** The exit code of a failed upgrade step. */
final class UpgradeFailures {

    private UpgradeFailures() {
    }

    static ExitCode exitCode(UpgradeFailure f) {
        return switch (f.kind()) {
            case BAD_INPUT -> ExitCode.VALIDATION;
            case REFUSED -> ExitCode.REFUSED;
            case STEP_FAILED -> ExitCode.UNIT_FAILED;
        };
    }
}
