package org.statestore.migrate;

import java.util.List;

import org.statestore.history.HistoryEntry;

/**
 * What an import of neo4j-migrations' history ({@code Statestore.importFromNeo4jMigrations}) is asked to do and
 * what it did. The import copies the history neo4j-migrations keeps into the chain as applied entries, so
 * switching tools keeps every recorded run; only versioned runs of this database are copied, the peer's
 * repeatable runs are reported and left out.
 */
public final class Neo4jMigrationsImport {

    /** How imported entries name their origin ({@code imported_from}). */
    public static final String TOOL = "neo4j-migrations";

    /** The constraints neo4j-migrations creates for its lock and its chain; dropped only when asked. */
    public static final List<String> PEER_CONSTRAINTS = List.of("__Neo4jMigrationsLock__has_unique_id",
            "__Neo4jMigrationsLock__has_unique_name", "unique_version___Neo4jMigration");

    private Neo4jMigrationsImport() {
    }

    /** What the caller wants besides the copy. */
    public record Options(boolean removeSource, boolean dropConstraints) {
    }

    /** What an import did. */
    public sealed interface Outcome {
    }

    /** The peer's runs were copied; {@code skipped} names runs that were not (repeatable ones). */
    public record Imported(List<HistoryEntry> entries, List<String> skipped, boolean removedSource,
                           List<String> droppedConstraints) implements Outcome {
    }

    /** Every peer run was already imported by an earlier run; only the requested clean-up was done. */
    public record AlreadyImported(int entries, boolean removedSource, List<String> droppedConstraints)
            implements Outcome {
    }

    /** The database has no neo4j-migrations chain. */
    public record NoPeerChain() implements Outcome {
    }

    /** Nothing was written, for the reason given. */
    public record Refused(String reason) implements Outcome {
    }
}
