package org.statestore.cli;

/** A result variant a report mapping does not know: a bug in statestore (exit 1), never a blind cast. */
final class Unmapped {

    private Unmapped() {
    }

    static IllegalStateException result(Object result) {
        return new IllegalStateException("no report for the result " + (result == null ? "null"
                : result.getClass().getName()));
    }
}
