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

    /** The database holds something the format cannot carry (e.g. a property type of a newer server); nothing was written. */
    record Refused(String reason) implements CreateResult {
    }
}
