package org.statestore.alchemiscale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;

/**
 * alchemiscale's {@code database reset}: deletes every node and relationship (statestore's history chain
 * too, so the emptied store starts over) and drops alchemiscale's four constraints. Other constraints and
 * indexes are left alone. Deletes in batches, each its own transaction, so a large store does not exhaust
 * the server's transaction memory; interrupted, a rerun finishes the job.
 */
final class StoreReset {

    static final int BATCH = 10_000;

    // Relationships first: a node batch then never drags an unbounded number of relationships along.
    private static final String DELETE_RELATIONSHIPS =
            "MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF $batch ROWS";
    private static final String DELETE_NODES =
            "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS";

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final Consumer<String> progress;

    public StoreReset(Driver driver, SessionConfig sessionConfig, Consumer<String> progress) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.progress = progress;
    }

    /** How many nodes the reset would delete (for a confirmation prompt). */
    public long nodeCount() {
        try (Session session = driver.session(sessionConfig)) {
            return session.run("MATCH (n) RETURN count(n) AS nodes").single().get("nodes").asLong();
        }
    }

    public ResetResult reset() {
        try (Session session = driver.session(sessionConfig)) {
            Map<String, Object> batch = Map.of("batch", BATCH);
            // CALL { } IN TRANSACTIONS runs only in an auto-commit transaction (session.run).
            long relationships = session.run(DELETE_RELATIONSHIPS, batch).consume().counters().relationshipsDeleted();
            progress.accept("reset: " + relationships + " relationships deleted");
            long nodes = session.run(DELETE_NODES, batch).consume().counters().nodesDeleted();
            progress.accept("reset: " + nodes + " nodes deleted");
            List<String> dropped = new ArrayList<>();
            for (UniqueConstraint c : UniqueConstraint.ALCHEMISCALE) {
                if (session.run(c.dropStatement()).consume().counters().constraintsRemoved() > 0) {
                    dropped.add(c.name());
                }
            }
            progress.accept("reset: constraints dropped: " + (dropped.isEmpty() ? "none" : String.join(", ", dropped)));
            return new ResetResult(relationships, nodes, dropped);
        }
    }
}
