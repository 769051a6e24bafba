package org.statestore.backup.internal;

/**
 * How much a database holds, as far as a restore cares.
 *
 * @param unfinishedRestore a marker left by a restore that did not finish
 */
public record TargetState(long nodes, long constraints, long indexes, boolean unfinishedRestore) {

    /** No nodes, no constraints, no indexes other than the LOOKUP ones every database has. */
    public boolean isEmpty() {
        return nodes == 0 && constraints == 0 && indexes == 0;
    }

    @Override
    public String toString() {
        return nodes + " nodes, " + constraints + " constraints, " + indexes + " indexes";
    }
}
