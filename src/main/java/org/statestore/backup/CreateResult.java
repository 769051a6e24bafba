package org.statestore.backup;

import java.nio.file.Path;
import java.time.Duration;

/** What {@code backup create} did. */
public sealed interface CreateResult {

    /** The backup was written to {@code file} (never over an existing file). */
    record Created(Path file, BackupHeader header, long sizeBytes, Duration elapsed) implements CreateResult {
    }

    /** A file of the same name already exists; nothing was written. */
    record Exists(Path file) implements CreateResult {
    }

    /**
     * The guard held during the dump was lost before the dump ended (e.g. the migration lease was taken over
     * after this process stalled past its TTL), so a migration may have run meanwhile; nothing was written.
     */
    record GuardLost(String reason) implements CreateResult {
    }

    /** The database holds something the format cannot carry (e.g. a property type of a newer server); nothing was written. */
    record Refused(String reason) implements CreateResult {
    }
}
