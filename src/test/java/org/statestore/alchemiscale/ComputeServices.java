package org.statestore.alchemiscale;

import java.util.Map;
import java.util.UUID;

import org.statestore.testing.TestNeo4j;

/**
 * Test support: compute service registrations, their claimed Tasks and identities, written the way alchemiscale
 * releases write them (v0.7 zoned times and {@code failure_times}; earlier releases LocalDateTime, no list).
 */
final class ComputeServices {

    private ComputeServices() {
    }

    /** What v0.7.1 and earlier registered: {@code {name}-{str(uuid4())}}, a hyphenated uuid. */
    static String oldForm(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /** What v0.7.2 and main register: {@code {name}-{uuid4().hex}}. */
    static String newForm(String name) {
        return name + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A registration as v0.7 writes it: zoned times and an empty failure_times list. */
    static void v07Registration(TestNeo4j neo4j, String identifier) {
        neo4j.query("""
                CREATE (:ComputeServiceRegistration {identifier: $id, registered: datetime('2026-01-05T10:00:00Z'),
                        heartbeat: datetime('2026-01-05T10:05:00Z'), failure_times: []})""", Map.of("id", identifier));
    }

    /** A registration as v0.4-v0.6 write it: LocalDateTime times, no failure_times. */
    static void v06Registration(TestNeo4j neo4j, String identifier) {
        neo4j.query("""
                CREATE (:ComputeServiceRegistration {identifier: $id, registered: localdatetime('2025-06-01T10:00:00'),
                        heartbeat: localdatetime('2025-06-01T10:05:00')})""", Map.of("id", identifier));
    }

    /** A Task in {@code status}, claimed by the registration {@code identifier} with a zoned claim time. */
    static void claimedTask(TestNeo4j neo4j, String identifier, String key, String status) {
        neo4j.query("""
                MATCH (c:ComputeServiceRegistration {identifier: $id})
                CREATE (t:GufeTokenizable:Task {_scoped_key: $key, _gufe_key: $key, status: $status,
                        datetime_created: datetime('2026-01-05T09:00:00Z')})
                CREATE (c)-[:CLAIMS {claimed: datetime('2026-01-05T10:06:00Z')}]->(t)""",
                Map.of("id", identifier, "key", key, "status", status));
    }

    /** A Task claimed with LocalDateTime times, as v0.4-v0.6 write them. */
    static void v06ClaimedTask(TestNeo4j neo4j, String identifier, String key) {
        neo4j.query("""
                MATCH (c:ComputeServiceRegistration {identifier: $id})
                CREATE (t:GufeTokenizable:Task {_scoped_key: $key, _gufe_key: $key, status: 'running',
                        datetime_created: localdatetime('2025-06-01T09:00:00')})
                CREATE (c)-[:CLAIMS {claimed: localdatetime('2025-06-01T10:06:00')}]->(t)""",
                Map.of("id", identifier, "key", key));
    }

    /** An identity written straight into the database, as alchemiscale's create does, whatever its identifier. */
    static void identity(TestNeo4j neo4j, String label, String identifier) {
        neo4j.query("CREATE (n:CredentialedEntity:" + label + " {identifier: $id, hashed_key: $hash, scopes: [], "
                + "disabled: false})", Map.of("id", identifier,
                "hash", "$2b$12$abcdefghijklmnopqrstuuRgy4a8qRqEzVwT/oSmh7FEX6bBbFaQm"));
    }
}
