package org.statestore.history;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * One recorded run of a unit, as stored in the chain.
 *
 * @param id              the node's element id, valid for updates within this run of statestore
 * @param seq             the position in the chain, from 1
 * @param installedOn     when the run began (server clock, UTC)
 * @param executionTime   how long the run took; empty while running
 * @param statementsDone  how many statements completed (auto-commit units record each one)
 * @param prefixChecksum  the checksum of those completed statements, so a resumed run can check them
 * @param retryRequested  a failed run that {@code migrate repair} marked for retry
 * @param undoneOn        when {@code migrate undo} rolled the run back
 * @param importedFrom    the tool whose history this run was copied from ({@code neo4j-migrations}); its
 *                        checksum is that tool's and is never compared with local units
 */
public record HistoryEntry(String id, long seq, String version, String description, String type, String checksum,
                           String source, String installedBy, ZonedDateTime installedOn,
                           Optional<Duration> executionTime, EntryState state, RecordedRollback rollback,
                           String transactionMode, int statementsDone, String prefixChecksum,
                           Optional<EntryError> error, boolean retryRequested, Optional<ZonedDateTime> undoneOn,
                           Optional<String> importedFrom) {

    /** True for runs copied from another tool by {@code migrate import}. */
    public boolean imported() {
        return importedFrom.isPresent();
    }

    /** The rollback note as text, for tables and JSON. */
    public String rollbackNote() {
        return rollback.summary();
    }
}
