package org.statestore.alchemiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("statestore database expire-registrations does what alchemiscale's expire_registrations does, "
        + "for the registrations chosen")
class DoctorExpireRegistrationsTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    private String old1;
    private String old2;
    private String current;

    @BeforeEach
    void store() {
        neo4j.reset();
        CliRun up = cli("migrate", "up");
        assertEquals(0, up.exitCode(), up::toString);
        old1 = ComputeServices.oldForm("compute-svc");
        old2 = ComputeServices.oldForm("worker");
        current = ComputeServices.newForm("worker");
        ComputeServices.v07Registration(neo4j, old1);
        ComputeServices.v07Registration(neo4j, old2);
        ComputeServices.v07Registration(neo4j, current);
        ComputeServices.claimedTask(neo4j, old1, "Task-a", "running");
        ComputeServices.claimedTask(neo4j, old1, "Task-b", "running");
        ComputeServices.claimedTask(neo4j, old1, "Task-c", "complete");
        ComputeServices.claimedTask(neo4j, current, "Task-d", "running");
    }

    private CliRun cli(String... args) {
        return CliRun.run(neo4j.env(), args);
    }

    /** Every node and relationship with its labels and properties, in a canonical sorted form. */
    private List<String> snapshot() {
        return neo4j.query("""
                MATCH (n) OPTIONAL MATCH (n)-[r]->(m)
                RETURN labels(n) AS labels, properties(n) AS props, type(r) AS type, properties(r) AS rel,
                       properties(m) AS target""").stream()
                .map(r -> r.get("labels").asList(v -> v.asString()).stream().sorted().toList() + " "
                        + new TreeMap<>(r.get("props").asMap()) + " -" + r.get("type") + " "
                        + (r.get("rel").isNull() ? "" : new TreeMap<>(r.get("rel").asMap())) + "-> "
                        + (r.get("target").isNull() ? "" : new TreeMap<>(r.get("target").asMap())))
                .sorted().toList();
    }

    private Map<String, String> taskStatuses() {
        Map<String, String> m = new TreeMap<>();
        neo4j.query("MATCH (t:Task) RETURN t._scoped_key AS key, t.status AS status")
                .forEach(r -> m.put(r.get("key").asString(), r.get("status").asString()));
        return m;
    }

    private List<String> registrations() {
        return neo4j.query("MATCH (c:ComputeServiceRegistration) RETURN c.identifier AS id ORDER BY id").stream()
                .map(r -> r.get("id").asString()).toList();
    }

    private static List<String> sorted(String... ids) {
        return List.of(ids).stream().sorted().toList();
    }

    @Test
    @DisplayName("--nonconforming --dry-run lists the old-form registrations and their running Tasks, and changes nothing")
    void dryRunChangesNothing() {
        List<String> before = snapshot();

        CliRun run = cli("database", "expire-registrations", "--nonconforming", "--dry-run");

        assertEquals(0, run.exitCode(), run::toString);
        List<String> expected = new java.util.ArrayList<>(List.of(
                "would expire " + old1 + ": 2 running Task(s) would go back to waiting",
                "would expire " + old2 + ": 0 running Task(s) would go back to waiting"));
        expected.sort(null);
        expected.add("dry run: would expire 2 registration(s) and set 2 Task(s) back to waiting; nothing changed");
        assertEquals(expected, run.out().lines().toList());
        assertEquals(before, snapshot());
    }

    @Test
    @DisplayName("--nonconforming sets the running Tasks of old-form registrations back to waiting and deletes only "
            + "those registrations; a conforming one keeps its claim and its Task keeps running")
    void nonconforming() {
        CliRun run = cli("database", "expire-registrations", "--nonconforming");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("expired " + old1 + ": 2 running Task(s) back to waiting\n"), run::toString);
        assertTrue(run.out().contains("expired " + old2 + ": 0 running Task(s) back to waiting\n"), run::toString);
        assertTrue(run.out().endsWith("expired 2 registration(s); 2 Task(s) back to waiting\n"), run::toString);
        assertEquals(List.of(current), registrations());
        assertEquals(Map.of("Task-a", "waiting", "Task-b", "waiting", "Task-c", "complete", "Task-d", "running"),
                taskStatuses());
        assertEquals(1, neo4j.count("MATCH (:ComputeServiceRegistration {identifier: '" + current
                + "'})-[:CLAIMS]->(:Task {status: 'running'}) RETURN count(*)"));
        assertEquals(1, neo4j.count("MATCH ()-[c:CLAIMS]->() RETURN count(c)"));

        CliRun again = cli("database", "expire-registrations", "--nonconforming");
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals("every compute service registration is {name}-{32 hex digits}: nothing to expire",
                again.out().strip());
    }

    @Test
    @DisplayName("--all removes every registration and sets every claimed running Task back to waiting; JSON lists them")
    void all() throws Exception {
        CliRun run = cli("database", "expire-registrations", "--all", "--output", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals("all", doc.get("selection").asText());
        assertEquals(false, doc.get("dryRun").asBoolean());
        assertEquals(3, doc.get("tasksReset").asLong());
        Map<String, Long> listed = new TreeMap<>();
        doc.get("registrations").forEach(r -> listed.put(r.get("identifier").asText(), r.get("tasksReset").asLong()));
        assertEquals(Map.of(old1, 2L, old2, 0L, current, 1L), listed);
        assertEquals(List.of(), registrations());
        assertEquals(Map.of("Task-a", "waiting", "Task-b", "waiting", "Task-c", "complete", "Task-d", "waiting"),
                taskStatuses());

        CliRun none = cli("database", "expire-registrations", "--all");
        assertEquals(0, none.exitCode(), none::toString);
        assertEquals("no compute service registrations: nothing to expire", none.out().strip());
    }

    @Test
    @DisplayName("--all --dry-run lists all three and changes nothing")
    void allDryRun() {
        List<String> before = snapshot();

        CliRun run = cli("database", "expire-registrations", "--all", "--dry-run");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(4, run.out().lines().count(), run::toString);
        assertTrue(run.out().contains("would expire " + current + ": 1 running Task(s) would go back to waiting"),
                run::toString);
        assertEquals(before, snapshot());
        assertEquals(sorted(old1, old2, current), registrations());
    }

    @Test
    @DisplayName("neither or both of --all and --nonconforming: exit 2, one line, nothing changed")
    void exactlyOneSelection() {
        List<String> before = snapshot();
        for (String[] args : List.of(new String[] {"database", "expire-registrations"},
                new String[] {"database", "expire-registrations", "--dry-run"},
                new String[] {"database", "expire-registrations", "--all", "--nonconforming"})) {
            CliRun run = cli(args);
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
            assertTrue(run.err().contains("(see 'statestore database expire-registrations --help')"), run::toString);
        }
        assertEquals(before, snapshot());
    }
}
