package org.statestore.testing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.Secret;

/**
 * The one real Neo4j (neo4j-harness, in-process, Bolt on a free loopback port) that every test class in
 * a test JVM shares: a start costs about 5 s, so tests reset the graph instead of starting servers.
 */
public final class TestNeo4j {

    private static final class Holder {
        static final TestNeo4j INSTANCE = new TestNeo4j();
    }

    private final Neo4j neo4j;
    private final Driver driver;

    private TestNeo4j() {
        neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                .withConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                .withConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                .build();
        driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none(),
                org.neo4j.driver.Config.builder().withLogging(org.neo4j.driver.Logging.none()).build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            driver.close();
            neo4j.close();
        }, "test-neo4j-stop"));
    }

    /** The shared server, started on first use. */
    public static TestNeo4j get() {
        return Holder.INSTANCE;
    }

    public URI boltUri() {
        return neo4j.boltURI();
    }

    /** A driver for assertions; do not close it. */
    public Driver driver() {
        return driver;
    }

    /** Settings that reach the shared server the way a user's {@code NEO4J_URL} would. */
    public ConnectionSettings settings() {
        return new ConnectionSettings(Optional.of(neo4j.boltURI()), "neo4j", Secret.of(""), "neo4j",
                java.nio.file.Path.of("unused"), Duration.ZERO);
    }

    /** The environment a CLI run needs to reach the shared server. */
    public Map<String, String> env() {
        return Map.of("NEO4J_URL", neo4j.boltURI().toString(), "NEO4J_USER", "neo4j", "NEO4J_PASS", "");
    }

    /** Empties the database: every node and relationship, every constraint and non-lookup index. */
    public TestNeo4j reset() {
        try (Session s = driver.session()) {
            s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
            for (Record c : s.run("SHOW CONSTRAINTS YIELD name").list()) {
                s.run("DROP CONSTRAINT $name", Map.of("name", c.get("name").asString())).consume();
            }
            for (Record i : s.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").list()) {
                s.run("DROP INDEX $name", Map.of("name", i.get("name").asString())).consume();
            }
        }
        return this;
    }

    /** Runs a query and returns its rows. */
    public List<Record> query(String cypher, Map<String, Object> params) {
        try (Session s = driver.session()) {
            return s.run(cypher, params).list();
        }
    }

    public List<Record> query(String cypher) {
        return query(cypher, Map.of());
    }

    /** The single value of a single-row query. */
    public long count(String cypher) {
        return query(cypher).get(0).get(0).asLong();
    }

    /** Names of the constraints in the database, sorted. */
    public List<String> constraintNames() {
        return query("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name").stream()
                .map(r -> r.get("name").asString()).toList();
    }
}
