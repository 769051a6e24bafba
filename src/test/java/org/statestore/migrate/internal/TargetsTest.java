package org.statestore.migrate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.cypher.Statement;
import org.statestore.migrate.Version;

@DisplayName("--target names a known unit; countable batched statements")
class TargetsTest {

    private static final List<Version> KNOWN = List.of(v("0.1.0"), v("0.4.0"), v("0.7.0"), v("0.7.1"));

    private static Version v(String text) {
        return Version.parse(text);
    }

    @Test
    @DisplayName("the nearest known versions are the ones just below and just above the target")
    void nearest() {
        assertEquals(List.of(v("0.4.0"), v("0.7.0")), Targets.nearest(v("0.5"), KNOWN));
        assertEquals(List.of(v("0.7.1")), Targets.nearest(v("99.99"), KNOWN));
        assertEquals(List.of(v("0.1.0")), Targets.nearest(v("0.0.9"), KNOWN));
        assertEquals(List.of(), Targets.nearest(v("1"), List.of()));
    }

    @Test
    @DisplayName("a target equal to a known version (0.4 is 0.4.0) names it; any other is refused with the nearest")
    void problem() {
        assertEquals(Optional.empty(), Targets.problem(v("0.4"), KNOWN));
        assertEquals(Optional.of("--target 0.5 names no unit (the nearest known versions are 0.4.0 and 0.7.0; "
                + "'--target latest' is the newest)"), Targets.problem(v("0.5"), KNOWN));
        assertTrue(Targets.problem(v("1"), List.of()).get().contains("no unit is known at all"));
        assertTrue(Targets.isLatest(" Latest ") && !Targets.isLatest("0.7.1") && !Targets.isLatest(null));
    }

    @Test
    @DisplayName("a CALL { } IN TRANSACTIONS statement driven by a bare label, all nodes or a relationship type is "
            + "counted from the count store and run reporting its status; anything else runs as written")
    void batchedStatements() {
        String undo = "// rollback: deletes every NetworkMark\n//   and its MARKS relationship\nMATCH (m:NetworkMark)\n"
                + "CALL { WITH m DETACH DELETE m } IN TRANSACTIONS OF 10000 ROWS";
        BatchedStatement marks = BatchedStatement.of(new Statement(undo, 1)).orElseThrow();
        assertEquals("MATCH (m:NetworkMark) RETURN count(*) AS rows", marks.countQuery());
        assertTrue(marks.reporting().startsWith(undo + "\nON ERROR BREAK REPORT STATUS AS"), marks.reporting());
        assertEquals("MATCH ()-[r:CLAIMS]->() RETURN count(*) AS rows", BatchedStatement.of(new Statement(
                "match ()-[r:CLAIMS]->() call (r) { set r.x = 1 } in transactions // trailing comment", 1))
                .orElseThrow().countQuery());
        assertEquals("MATCH (n) RETURN count(*) AS rows", BatchedStatement.of(new Statement(
                "MATCH (n) CALL { WITH n SET n.y = 2 } IN TRANSACTIONS OF $batch ROWS", 1)).orElseThrow().countQuery());

        for (String notCountable : List.of(
                "MATCH (c:Registration) WHERE c.x IS NULL CALL { WITH c SET c.x = 1 } IN TRANSACTIONS OF 10 ROWS",
                "MATCH (m:Mark) CALL { WITH m DELETE m } IN TRANSACTIONS ON ERROR CONTINUE",
                "MATCH (a:A), (b:B) CALL { WITH a, b CREATE (a)-[:R]->(b) } IN TRANSACTIONS",
                "MATCH (m:Mark) CALL { WITH m DELETE m } IN 2 CONCURRENT TRANSACTIONS",
                "MATCH (m:`Odd Label`) CALL { WITH m DELETE m } IN TRANSACTIONS",
                "MATCH (n:Thing) SET n.x = 1",
                "RETURN 'MATCH (n) CALL { } IN TRANSACTIONS'")) {
            assertEquals(Optional.empty(), BatchedStatement.of(new Statement(notCountable, 1)), notCountable);
        }
    }
}
