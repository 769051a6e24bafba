package org.statestore.alchemiscale;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neo4j.driver.Session;

/**
 * What {@code upgrade check} reports of a store whose format was just migrated to Neo4j 5: the
 * alchemiscale shape facts and what the bundled units would change. Read without writing anything.
 *
 * @param store               the facts that tell which alchemiscale release wrote the store
 * @param rangeIndexes        RANGE indexes (after the format migration: the 4.4 store's BTREE indexes)
 * @param localDateTimes      LocalDateTime values per property (0.7.0 converts them to UTC DateTime)
 * @param withoutFailureTimes compute service registrations without {@code failure_times} (0.7.1 adds {@code []})
 * @param identities          credentialed identities
 */
public record UpgradeSurvey(StoreSurvey store, long rangeIndexes, Map<String, Long> localDateTimes,
                            long withoutFailureTimes, long identities) {

    private static final Map<String, String> TIME_PROPERTIES = timeProperties();

    public UpgradeSurvey {
        // Kept in TIME_PROPERTIES order: reports list the properties as the 0.7.0 unit converts them.
        localDateTimes = Collections.unmodifiableMap(new LinkedHashMap<>(localDateTimes));
    }

    /** Surveys the database {@code session} is open on. */
    static UpgradeSurvey of(Session session) {
        StoreSurvey store = StoreSurvey.of(session);
        long range = count(session, "SHOW INDEXES YIELD type WHERE type = 'RANGE' RETURN count(*)");
        Map<String, Long> times = new LinkedHashMap<>();
        TIME_PROPERTIES.forEach((name, query) -> times.put(name, count(session, query)));
        long identities = count(session, "MATCH (n:CredentialedEntity) RETURN count(n)");
        long withoutFailureTimes = count(session, "MATCH (c:ComputeServiceRegistration) "
                + "WHERE c.failure_times IS NULL RETURN count(c)");
        return new UpgradeSurvey(store, range, times, withoutFailureTimes, identities);
    }

    private static long count(Session session, String cypher) {
        return session.run(cypher).single().get(0).asLong();
    }

    private static Map<String, String> timeProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ComputeServiceRegistration.heartbeat", "MATCH (c:ComputeServiceRegistration) "
                + "WHERE c.heartbeat IS :: LOCAL DATETIME NOT NULL RETURN count(c)");
        m.put("ComputeServiceRegistration.registered", "MATCH (c:ComputeServiceRegistration) "
                + "WHERE c.registered IS :: LOCAL DATETIME NOT NULL RETURN count(c)");
        m.put("CLAIMS.claimed", "MATCH ()-[r:CLAIMS]->() WHERE r.claimed IS :: LOCAL DATETIME NOT NULL RETURN count(r)");
        m.put("Task.datetime_created", "MATCH (t:Task) WHERE t.datetime_created IS :: LOCAL DATETIME NOT NULL "
                + "RETURN count(t)");
        return m;
    }
}
