package org.statestore.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One backup file in a directory.
 *
 * @param time    the header's time for online backups, the name's for offline dumps; empty when unknown
 * @param header  the header of an online backup (empty for dumps and unreadable files)
 * @param problem why an online backup's header could not be read
 */
public record CatalogEntry(Path file, Kind kind, Optional<Instant> time, long sizeBytes,
                           Optional<BackupHeader> header, Optional<String> problem) {

    /** Online ({@code .ssbak}) or offline (Neo4j's {@code .dump}). */
    public enum Kind { ONLINE, OFFLINE }

    /** Prune may delete it: its time is known and nothing is wrong with it. */
    boolean prunable() {
        return time.isPresent() && problem.isEmpty();
    }
}
