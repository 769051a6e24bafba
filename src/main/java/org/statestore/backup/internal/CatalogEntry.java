package org.statestore.backup.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.statestore.backup.BackupHeader;

/**
 * One backup file in a directory.
 *
 * @param time    the header's time for online backups, the name's for offline dumps; empty when unknown
 * @param header  the header of an online backup (empty for dumps and unreadable files)
 * @param problem why an online backup's header could not be read (from {@code list}), or why a file does not
 *                count as a verified backup (from {@code prune})
 */
public record CatalogEntry(Path file, Kind kind, Optional<Instant> time, long sizeBytes,
                           Optional<BackupHeader> header, Optional<String> problem) {

    /** Online ({@code .ssbak}) or offline (Neo4j's {@code .dump}). */
    public enum Kind { ONLINE, OFFLINE }

    /** The same entry with {@code why} as its problem. */
    CatalogEntry withProblem(String why) {
        return new CatalogEntry(file, kind, time, sizeBytes, header, Optional.of(why));
    }
}
