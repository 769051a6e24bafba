package org.statestore.backup;

/** The newest entry of statestore's history chain when the backup was taken: the unit version and the entry's sequence number. */
public record HistoryHead(String version, long seq) {

    @Override
    public String toString() {
        return version + " (entry " + seq + ")";
    }
}
