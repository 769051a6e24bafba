package org.statestore.backup.internal;

import java.nio.file.Path;
import java.time.Duration;

/** What an offline dump or load through Neo4j's admin tool did. */
public sealed interface OfflineResult {

    /** A dump in Neo4j's own format was written to {@code file}. */
    record Dumped(Path file, long sizeBytes, Duration elapsed) implements OfflineResult {
    }

    /** The dump was loaded into the store in {@code dataDir}. */
    record Loaded(Path file, Path dataDir, Duration elapsed) implements OfflineResult {
    }

    /** Neo4j read the dump's metadata ({@code load --info}); {@code info} is what it printed. */
    record Described(Path file, long sizeBytes, String info) implements OfflineResult {
    }

    /** A file of the same name already exists; nothing was written. */
    record Exists(Path file) implements OfflineResult {
    }

    /** The store is in use by a running Neo4j, or holds a database and replacing was not asked for. */
    record Refused(String reason) implements OfflineResult {
    }

    /** The database or the dump file named does not exist. */
    record NotFound(String reason) implements OfflineResult {
    }

    /** Neo4j's admin tool failed; {@code reason} is its error line. */
    record Failed(String reason) implements OfflineResult {
    }
}
