package org.statestore.migrate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.cypher.CypherScript;
import org.statestore.cypher.Statement;
import org.statestore.migrate.TransactionMode;

@DisplayName("Query options in front of a statement, and dry-run positions in the unit file")
class QueryOptionsAndPositionsTest {

    private static TransactionMode mode(String script) {
        return TransactionMode.of(CypherScript.parse("V1__Test.cypher", script));
    }

    @Test
    @DisplayName("a unit of one CYPHER 25 CREATE INDEX runs split, like the same unit without the prefix")
    void schemaUnitRunsSplit() {
        assertEquals(TransactionMode.SPLIT, mode("CREATE INDEX thing_n FOR (t:Thing) ON (t.n);"));
        assertEquals(TransactionMode.SPLIT, mode("CYPHER 25 CREATE INDEX thing_n FOR (t:Thing) ON (t.n);"));
        assertEquals(TransactionMode.SPLIT, mode("// requires: neo4j >= 2025.06\nCYPHER 25\nCREATE INDEX i FOR (t:T) ON (t.n);"));
        assertEquals(TransactionMode.SINGLE, mode("CYPHER 25 CREATE (:Thing);"));
        assertEquals(TransactionMode.AUTO_COMMIT,
                mode("CYPHER 25 MATCH (t:Thing) CALL (t) { SET t.seen = true } IN TRANSACTIONS OF 10 ROWS;"));
    }

    @Test
    @DisplayName("schema and data statements behind query options land in separate transaction groups")
    void groupsSeeThroughOptions() {
        List<Statement> statements = CypherScript.parse("V1__Mixed.cypher",
                "CYPHER 25 CREATE INDEX i FOR (t:T) ON (t.n);\nCYPHER runtime=slotted DROP INDEX j;\n"
                        + "CYPHER 25 CREATE (:T {n: 1});").statements();
        assertEquals(List.of(2, 1), ScriptExecutor.groups(statements).stream().map(List::size).toList());
    }

    @Test
    @DisplayName("a countable batched statement behind query options keeps them in front, and its count query needs none")
    void batchedSeesThroughOptions() {
        String text = "CYPHER 25\nMATCH (t:Thing) CALL (t) { SET t.seen = true } IN TRANSACTIONS OF 100 ROWS";
        BatchedStatement batched = BatchedStatement.of(new Statement(text, 1)).orElseThrow();
        assertEquals("MATCH (t:Thing) RETURN count(*) AS rows", batched.countQuery());
        assertTrue(batched.reporting().startsWith(text + "\nON ERROR BREAK REPORT STATUS"), batched.reporting());
    }

    @Test
    @DisplayName("a position the server reports in 'EXPLAIN ' + statement is placed in the file: the prefix comes off the "
            + "statement's first line, later lines count from the statement's line")
    void positionsInTheFile() {
        Statement atTop = new Statement("CREATE (:Thing)\nRETURN x y", 1);
        assertEquals(new DryRunner.Position(1, 1), new DryRunner.Position(1, 9).inFile(atTop));
        assertEquals(new DryRunner.Position(2, 10), new DryRunner.Position(2, 10).inFile(atTop));
        Statement later = new Statement("CREAT (:Thing)", 3, 13);
        assertEquals(new DryRunner.Position(3, 13), new DryRunner.Position(1, 9).inFile(later));
        assertEquals(new DryRunner.Position(3, 17), new DryRunner.Position(1, 13).inFile(later));
        assertEquals(new DryRunner.Position(4, 5), new DryRunner.Position(2, 5).inFile(later));
    }
}
