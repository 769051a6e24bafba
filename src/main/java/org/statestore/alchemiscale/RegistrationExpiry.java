package org.statestore.alchemiscale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionContext;

/**
 * Removes compute service registrations the way alchemiscale's {@code expire_registrations} does (v0.7.2
 * {@code ss.py:1535-1559}): the running Tasks each one CLAIMS go back to {@code waiting}, then the registration
 * is detach-deleted. Which registrations are chosen and what happens to them is one transaction, so a service
 * that registers meanwhile is either chosen and removed or left alone, never half handled.
 */
public final class RegistrationExpiry {

    /** Which registrations to expire. */
    public enum Selection {
        /** Every registration. */
        ALL,
        /** Only those whose identifier alchemiscale after v0.7.2 rejects ({@link ComputeServiceId}). */
        NONCONFORMING
    }

    // alchemiscale's TaskStatusEnum values.
    private static final String RUNNING = "running";
    private static final String WAITING = "waiting";

    private static final String EXPIRE = """
            UNWIND $ids AS id
            MATCH (n:ComputeServiceRegistration) WHERE elementId(n) = id
            OPTIONAL MATCH (n)-[:CLAIMS]->(t:Task {status: $running})
            WITH n, collect(DISTINCT t) AS tasks
            FOREACH (t IN tasks | SET t.status = $waiting)
            WITH n, n.identifier AS identifier, size(tasks) AS reset
            DETACH DELETE n
            RETURN identifier, reset""";

    private static final String PREVIEW = """
            UNWIND $ids AS id
            MATCH (n:ComputeServiceRegistration) WHERE elementId(n) = id
            OPTIONAL MATCH (n)-[:CLAIMS]->(t:Task {status: $running})
            RETURN n.identifier AS identifier, count(DISTINCT t) AS reset""";

    private final Driver driver;
    private final SessionConfig sessionConfig;

    RegistrationExpiry(Driver driver, SessionConfig sessionConfig) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
    }

    /** Expires the {@code selection}; with {@code dryRun}, only reads what it would expire. */
    ExpiryResult expire(Selection selection, boolean dryRun) {
        try (var session = driver.session(sessionConfig)) {
            List<ExpiryResult.Expired> done = dryRun
                    ? session.executeRead(tx -> run(tx, selection, PREVIEW))
                    : session.executeWrite(tx -> run(tx, selection, EXPIRE));
            return new ExpiryResult(selection, dryRun, done);
        }
    }

    private static List<ExpiryResult.Expired> run(TransactionContext tx, Selection selection, String statement) {
        List<String> ids = new ArrayList<>();
        for (Record r : tx.run("MATCH (n:ComputeServiceRegistration) RETURN elementId(n) AS id, n.identifier AS identifier")
                .list()) {
            if (selection == Selection.ALL
                    || !ComputeServiceId.conforms(StoreDoctor.text(r.get("identifier")).orElse(null))) {
                ids.add(r.get("id").asString());
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<ExpiryResult.Expired> expired = new ArrayList<>();
        for (Record r : tx.run(statement, Map.of("ids", ids, "running", RUNNING, "waiting", WAITING)).list()) {
            expired.add(new ExpiryResult.Expired(StoreDoctor.text(r.get("identifier")), r.get("reset").asLong()));
        }
        expired.sort(Comparator.comparing(e -> e.identifier().orElse("")));
        return expired;
    }
}
