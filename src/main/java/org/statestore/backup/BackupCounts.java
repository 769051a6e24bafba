package org.statestore.backup;

/** How many of each thing a backup holds. Indexes exclude LOOKUP indexes and indexes owned by constraints. */
public record BackupCounts(long nodes, long relationships, long constraints, long indexes) {

    @Override
    public String toString() {
        return nodes + " nodes, " + relationships + " relationships, " + constraints + " constraints, " + indexes
                + " indexes";
    }
}
