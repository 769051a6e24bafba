package org.statestore.alchemiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Record;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("statestore dev seed --shape v0.3 writes a store shaped like the v0.3 fixture")
class DevSeedTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    @Test
    @DisplayName("writes networks, hubs, transformations and tasks in three scopes with the fixture's labels, "
            + "properties, types and relationships")
    void shapeMatchesFixture() {
        CliRun run = CliRun.run(neo4j.env(), "dev", "seed", "--shape", "v0.3", "--networks", "12",
                "--transformations", "3", "--tasks", "2", "--batch-size", "5");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("seeded a v0.3 store: 12 networks, 135 nodes, 156 relationships", run.out().strip()
                .replaceAll(" in \\d+ ms$", ""));
        Map<String, Long> labels = neo4j.query("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c").stream()
                .collect(Collectors.toMap(r -> r.get("l").asString(), r -> r.get("c").asLong()));
        assertEquals(Map.of("AlchemicalNetwork", 12L, "TaskHub", 12L, "Transformation", 36L, "Task", 72L,
                "GufeTokenizable", 132L, "ComputeServiceRegistration", 2L, "NOPE", 1L), labels);
        Map<String, Long> types = neo4j.query("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c").stream()
                .collect(Collectors.toMap(r -> r.get("t").asString(), r -> r.get("c").asLong()));
        assertEquals(Map.of("PERFORMS", 84L, "DEPENDS_ON", 36L, "ACTIONS", 18L, "CLAIMS", 18L), types);
        assertEquals(List.of("compute_identifier", "compute_service_registration_identifier", "scoped_key",
                "user_identifier"), neo4j.constraintNames());
        assertEquals(1, neo4j.count("SHOW INDEXES YIELD name WHERE name = 'task_status' RETURN count(*)"));
        assertEquals(3, neo4j.count("MATCH (n:AlchemicalNetwork) RETURN count(DISTINCT [n._org, n._campaign, n._project])"));

        Record network = neo4j.query("""
                MATCH (h:TaskHub)-[p:PERFORMS]->(n:AlchemicalNetwork {name: 'fep_round1_network_0'})
                RETURN n, h, p, valueType(n.`:version:`) AS version, valueType(n._json_props) AS json""").get(0);
        Map<String, Object> n = network.get("n").asMap();
        assertTrue(((String) n.get("_gufe_key")).matches("AlchemicalNetwork-[0-9a-f]{32}"), n::toString);
        assertEquals(n.get("_gufe_key") + "-acme-tyk2_2023-fep_round1", n.get("_scoped_key"));
        assertEquals("gufe.network", n.get("__module__"));
        assertEquals("AlchemicalNetwork", n.get("__qualname__"));
        assertEquals("INTEGER NOT NULL", network.get("version").asString());
        assertEquals("LIST<NOTHING> NOT NULL", network.get("json").asString());
        assertEquals(n.get("_scoped_key"), network.get("h").get("network").asString());
        assertEquals(0.5, network.get("h").get("weight").asDouble());
        assertEquals(Map.of("_org", "acme", "_campaign", "tyk2_2023", "_project", "fep_round1"),
                network.get("p").asMap());

        Record task = neo4j.query("""
                MATCH (c:ComputeServiceRegistration)-[cl:CLAIMS]->(t:Task {status: 'running'})-[:PERFORMS]->(x:Transformation)
                RETURN valueType(t.datetime_created) AS created, valueType(cl.claimed) AS claimed,
                       valueType(c.heartbeat) AS heartbeat, valueType(c.registered) AS registered,
                       valueType(t.priority) AS priority, x._json_props AS json, x.mapping AS mapping,
                       toString(t.datetime_created) AS text LIMIT 1""").get(0);
        assertEquals("LOCAL DATETIME NOT NULL", task.get("created").asString());
        assertEquals("LOCAL DATETIME NOT NULL", task.get("claimed").asString());
        assertEquals("LOCAL DATETIME NOT NULL", task.get("heartbeat").asString());
        assertEquals("LOCAL DATETIME NOT NULL", task.get("registered").asString());
        assertEquals("INTEGER NOT NULL", task.get("priority").asString());
        assertEquals(List.of("mapping"), task.get("json").asList(v -> v.asString()));
        assertTrue(task.get("text").asString().matches("2023-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"),
                task::toString);
        assertEquals(0, neo4j.count("MATCH (h:TaskHub)-[a:ACTIONS]->(t:Task) WHERE t.status <> 'waiting' "
                + "OR a.task <> t._scoped_key OR a.weight <> 0.5 RETURN count(*)"));
        assertEquals(0, neo4j.count("MATCH (n:NetworkMark) RETURN count(n)"));
    }

    @Test
    @DisplayName("the same options give the same store")
    void deterministic() {
        CliRun.run(neo4j.env(), "dev", "seed", "--shape", "v0.3", "--networks", "7");
        List<String> first = keys();
        neo4j.reset();
        CliRun.run(neo4j.env(), "dev", "seed", "--shape", "v0.3", "--networks", "7", "--batch-size", "2");
        assertEquals(first, keys());
    }

    private List<String> keys() {
        return neo4j.query("MATCH (n:GufeTokenizable) RETURN n._scoped_key + ' ' + toString(n.datetime_created) AS k "
                + "ORDER BY k").stream().map(r -> r.get("k").asString()).toList();
    }

    @Test
    @DisplayName("refuses (exit 11) to write into a database that holds data, and rejects unknown shapes (exit 2)")
    void refusals() {
        neo4j.query("CREATE (:Person)");

        CliRun refused = CliRun.run(neo4j.env(), "dev", "seed", "--shape", "v0.3", "--networks", "5");

        assertEquals(11, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("statestore: the database already holds data; dev seed writes only into an "
                + "empty database"), refused::toString);
        assertEquals(1, neo4j.count("MATCH (n) RETURN count(n)"));

        CliRun shape = CliRun.run(neo4j.env(), "dev", "seed", "--shape", "v0.4", "--networks", "5");
        assertEquals(2, shape.exitCode(), shape::toString);
        assertEquals("statestore: --shape: only v0.3 is supported, was 'v0.4'", shape.err().strip());

        CliRun negative = CliRun.run(neo4j.env(), "dev", "seed", "--shape", "v0.3", "--networks", "-1");
        assertEquals(2, negative.exitCode(), negative::toString);
    }

    @Test
    @DisplayName("is labelled a development tool in --help")
    void help() {
        assertTrue(CliRun.run(neo4j.env(), "dev", "--help").out().contains("DEVELOPMENT TOOLS"));
        assertTrue(CliRun.run(neo4j.env(), "dev", "seed", "--help").out().contains("DEVELOPMENT TOOL:"));
    }
}
