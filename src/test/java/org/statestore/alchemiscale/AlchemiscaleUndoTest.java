package org.statestore.alchemiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Value;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("Undoing alchemiscale's units on a v0.3 store")
class AlchemiscaleUndoTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    /**
     * A digest of the graph computed here, independently of the undo code: every node outside
     * statestore's own with its labels and typed properties, every relationship with its endpoints.
     */
    private String graph() {
        List<String> lines = new ArrayList<>();
        neo4j.query("MATCH (n) WHERE NONE(l IN labels(n) WHERE l STARTS WITH '__Statestore') "
                + "RETURN labels(n) AS l, n AS n").forEach(r -> lines.add("node "
                + new TreeSet<>(r.get("l").asList(Value::asString)) + typed(r.get("n"))));
        neo4j.query("MATCH (a)-[r]->(b) WHERE NONE(l IN labels(a) WHERE l STARTS WITH '__Statestore') "
                + "RETURN type(r) AS t, r AS r, coalesce(a._scoped_key, a.identifier, 'x') AS a, "
                + "coalesce(b._scoped_key, b.identifier, 'x') AS b").forEach(r -> lines.add("rel "
                + r.get("t").asString() + typed(r.get("r")) + r.get("a").asString() + "->" + r.get("b").asString()));
        Collections.sort(lines);
        return String.join("\n", lines) + "\nconstraints " + neo4j.constraintNames();
    }

    private static String typed(Value entity) {
        TreeMap<String, String> props = new TreeMap<>();
        for (String k : entity.keys()) {
            Value v = entity.get(k);
            props.put(k, v.type().name() + ":" + v);
        }
        return props.toString();
    }

    @Test
    @DisplayName("up, undo --to 0.3.0, up: the redone graph equals the first up's, the undone one equals the v0.3 store, and undo stops at the baseline")
    void roundTrip() {
        V03Stores.seed(neo4j, 40);
        String original = graph();

        CliRun up = CliRun.run(neo4j.env(), "migrate", "up");
        assertEquals(0, up.exitCode(), up::toString);
        assertTrue(up.err().contains("detected alchemiscale v0.3 shape"), up::toString);
        String migrated = graph();
        assertTrue(neo4j.count("MATCH (m:NetworkMark) RETURN count(m)") == 40);

        CliRun undo = CliRun.run(neo4j.env(), "migrate", "undo", "--to", "0.3.0");
        assertEquals(0, undo.exitCode(), undo::toString);
        assertTrue(undo.out().contains("undone 0.7.1") && undo.out().contains("undone 0.7.0") && undo.out().contains("undone 0.4.0"), undo::toString);
        assertEquals(original, graph());

        CliRun redo = CliRun.run(neo4j.env(), "migrate", "up");
        assertEquals(0, redo.exitCode(), redo::toString);
        assertEquals(migrated, graph());

        CliRun below = CliRun.run(neo4j.env(), "migrate", "undo", "--to", "0.1.0");
        assertEquals(7, below.exitCode(), below::toString);
        assertTrue(below.err().contains("stopped at the baseline 0.3.0"), below::toString);
        assertEquals(original, graph(), "everything above the baseline was undone before stopping there");
    }
}
