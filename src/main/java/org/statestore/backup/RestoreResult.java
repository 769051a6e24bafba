package org.statestore.backup;

import java.nio.file.Path;
import java.time.Duration;

/** What {@code backup restore} did. */
public sealed interface RestoreResult {

    /** Everything was written and read back: counts, content digest and schema names match the header. */
    record Restored(Path file, BackupHeader header, Duration elapsed) implements RestoreResult {
    }

    /** The target is not empty (or replacing was not confirmed); nothing was written. */
    record Refused(String reason) implements RestoreResult {
    }

    /**
     * Data was written but what the database holds afterwards differs from the backup (or the file changed
     * after it was verified). The database should be replaced again.
     */
    record Mismatch(String reason) implements RestoreResult {
    }
}
