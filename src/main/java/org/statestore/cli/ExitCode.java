package org.statestore.cli;

import org.statestore.migrate.StopSignal;

/** The documented exit codes; one per kind of outcome so scripts and orchestrators can tell them apart. */
public enum ExitCode {
    OK(0, "success, including \"nothing to do\""),
    INTERNAL(1, "unexpected internal error (a bug: please report it)"),
    USAGE(2, "bad flags or arguments"),
    UNREACHABLE(3, "cannot connect to the database (deadline passed, or the database does not exist)"),
    AUTHENTICATION(4, "authentication or authorisation failed"),
    LOCK_TIMEOUT(5, "the migration lock was not acquired in time"),
    VALIDATION(6, "validation failed: malformed or duplicate units, checksum mismatch, malformed history chain"),
    UNIT_FAILED(7, "a unit failed, or an earlier failed unit blocks the run"),
    PENDING(8, "units are pending (migrate status --check)"),
    EXISTS(9, "the thing to create already exists (e.g. identity add on an existing identity)"),
    NOT_FOUND(10, "the thing named does not exist (e.g. an unknown identity, a missing file)"),
    REFUSED(11, "refused to act: confirmation missing (--yes) or the target is not in the required state"),
    UNSUPPORTED_SERVER(12, "the server runs a Neo4j version the command does not support (below 5.0)"),
    INTERRUPTED(130, "interrupted (SIGINT)"),
    TERMINATED(143, "terminated (SIGTERM)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The code of a run {@code stop} ended: 130 for SIGINT, 143 for SIGTERM (or a stop for no known reason). */
    static ExitCode stoppedBy(StopSignal stop) {
        return stop.reason().filter(r -> r == StopSignal.Reason.INTERRUPT).map(r -> INTERRUPTED).orElse(TERMINATED);
    }

    /** The table printed at the end of {@code --help}. */
    static String[] helpTable() {
        ExitCode[] all = values();
        String[] lines = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            lines[i] = String.format("%3d:%s", all[i].code, all[i].meaning);
        }
        return lines;
    }
}
