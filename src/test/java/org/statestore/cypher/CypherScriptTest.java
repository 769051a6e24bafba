package org.statestore.cypher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cypher script splitting")
class CypherScriptTest {

    private static List<String> texts(String script) {
        return CypherScript.parse("test.cypher", script).statements().stream().map(Statement::text).toList();
    }

    @Test
    @DisplayName("splits on semicolons and keeps each statement's text exactly, without the semicolon")
    void splitsOnSemicolons() {
        assertEquals(List.of("CREATE (a)", "MATCH (n)\n  RETURN n"), texts("CREATE (a);\nMATCH (n)\n  RETURN n;\n"));
    }

    @Test
    @DisplayName("accepts a last statement without a semicolon")
    void lastStatementWithoutSemicolon() {
        assertEquals(List.of("RETURN 1", "RETURN 2"), texts("RETURN 1; RETURN 2"));
    }

    @Test
    @DisplayName("ignores semicolons inside single- and double-quoted strings, including escaped quotes")
    void semicolonsInStrings() {
        assertEquals(List.of("CREATE ({s: 'a;b'})", "CREATE ({s: \"c;d\\\";e\"})", "CREATE ({s: 'it\\'s;'})"),
                texts("CREATE ({s: 'a;b'}); CREATE ({s: \"c;d\\\";e\"}); CREATE ({s: 'it\\'s;'});"));
    }

    @Test
    @DisplayName("ignores semicolons inside backtick names, including doubled backticks")
    void semicolonsInBackticks() {
        assertEquals(List.of("CREATE (:`a;b`)", "CREATE (:`x``;y`)"), texts("CREATE (:`a;b`); CREATE (:`x``;y`);"));
    }

    @Test
    @DisplayName("ignores semicolons in line and block comments, and drops comment-only segments")
    void comments() {
        String script = """
                // header; with a semicolon
                CREATE (a) // trailing; comment
                ;
                /* block; comment
                   spanning lines; */
                ;
                RETURN 1;
                // only a comment;
                """;
        List<Statement> statements = CypherScript.parse("c.cypher", script).statements();
        assertEquals(2, statements.size());
        assertEquals("// header; with a semicolon\nCREATE (a) // trailing; comment", statements.get(0).text());
        assertEquals("RETURN 1", statements.get(1).text());
        assertEquals(7, statements.get(1).line());
    }

    @Test
    @DisplayName("records the line each statement starts on, for error messages")
    void lines() {
        List<Statement> statements = CypherScript.parse("l.cypher", "\n\nCREATE (a);\n\nCREATE\n(b);").statements();
        assertEquals(3, statements.get(0).line());
        assertEquals(5, statements.get(1).line());
    }

    @Test
    @DisplayName("handles multi-line statements with nested braces")
    void multiLine() {
        String script = """
                MATCH (n:Network)
                WHERE n.name STARTS WITH 'x;'
                CALL {
                  WITH n
                  SET n.seen = true
                }
                RETURN count(*);
                """;
        assertEquals(1, texts(script).size());
    }

    @Test
    @DisplayName("recognises CALL { } IN TRANSACTIONS, with or without a batch size, but not inside strings or comments")
    void callInTransactions() {
        assertTrue(CypherScript.parse("a", "MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS;").batchesItself());
        assertTrue(CypherScript.parse("b", "MATCH (n) CALL { WITH n SET n.x = 1 }\n  in 500 transactions of 100 rows;")
                .batchesItself());
        assertTrue(CypherScript.parse("c", "LOAD CSV FROM 'f' AS r CALL { WITH r CREATE (:R) } IN CONCURRENT TRANSACTIONS;")
                .batchesItself());
        assertFalse(CypherScript.parse("d", "CREATE ({s: '} IN TRANSACTIONS'});").batchesItself());
        assertFalse(CypherScript.parse("e", "CREATE (a) // } IN TRANSACTIONS\n;").batchesItself());
        assertFalse(CypherScript.parse("f", "MATCH (n) CALL { WITH n SET n.x = 1 } RETURN n;").batchesItself());
    }

    @Test
    @DisplayName("classifies constraint and index commands as schema statements")
    void schemaCommands() {
        List<Statement> s = CypherScript.parse("s", """
                CREATE CONSTRAINT c IF NOT EXISTS FOR (n:A) REQUIRE n.x IS UNIQUE;
                drop index i;
                CREATE TEXT INDEX t FOR (n:A) ON (n.y);
                CREATE OR REPLACE INDEX r FOR (n:A) ON (n.z);
                // leading comment
                CREATE FULLTEXT INDEX f FOR (n:A) ON EACH [n.t];
                CREATE (:Index {name: 'CREATE INDEX'});
                """).statements();
        assertEquals(List.of(true, true, true, true, true, false), s.stream().map(Statement::isSchemaCommand).toList());
    }

    @Test
    @DisplayName("refuses an empty script and a script of comments only")
    void emptyScripts() {
        assertThrows(ScriptSyntaxException.class, () -> CypherScript.parse("empty.cypher", ""));
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
                () -> CypherScript.parse("comments.cypher", "// nothing\n/* here */ ; ;"));
        assertTrue(e.getMessage().contains("comments.cypher"), e.getMessage());
    }

    @Test
    @DisplayName("refuses unterminated strings, names and comments, naming the line they open on")
    void unterminated() {
        ScriptSyntaxException s = assertThrows(ScriptSyntaxException.class,
                () -> CypherScript.parse("u.cypher", "RETURN 1;\nCREATE ({s: 'open});"));
        assertEquals(2, s.line());
        assertTrue(s.getMessage().startsWith("u.cypher:2:"), s.getMessage());
        assertThrows(ScriptSyntaxException.class, () -> CypherScript.parse("b", "CREATE (:`open);"));
        assertThrows(ScriptSyntaxException.class, () -> CypherScript.parse("c", "RETURN 1; /* open"));
    }

    @Test
    @DisplayName("normalises line endings and trailing whitespace for checksums")
    void normalised() {
        Statement crlf = new Statement("MATCH (n)  \r\nRETURN n\t\r\n", 1);
        Statement lf = new Statement("MATCH (n)\nRETURN n", 1);
        assertEquals(lf.normalised(), crlf.normalised());
    }

    @Test
    @DisplayName("records the line and column each statement starts on, so a statement after another's ';' on its line is placed too")
    void startPositions() {
        List<Statement> statements = CypherScript.parse("p.cypher", "CREATE (a); CREATE (b);\n\n  MATCH (n)\n RETURN n;")
                .statements();
        assertEquals(List.of(1, 1, 3), statements.stream().map(Statement::line).toList());
        assertEquals(List.of(1, 13, 3), statements.stream().map(Statement::column).toList());
        assertEquals(1, new Statement("RETURN 1", 4).column());
        assertEquals(13, new Statement("RETURN 1", 4, 13).withText("RETURN 2").column());
    }

    @Test
    @DisplayName("classifies a schema command behind query options (CYPHER 25, CYPHER 5, runtime=..., any case, over lines) as schema")
    void schemaBehindQueryOptions() {
        for (String text : List.of(
                "CYPHER 25 CREATE INDEX thing_n FOR (t:Thing) ON (t.n)",
                "CYPHER 5 CREATE CONSTRAINT thing_id FOR (t:Thing) REQUIRE t.id IS UNIQUE",
                "CYPHER runtime=slotted CREATE RANGE INDEX thing_n FOR (t:Thing) ON (t.n)",
                "cypher 25 runtime = parallel drop index thing_n",
                "CYPHER 25\n  runtime=slotted\nCREATE TEXT INDEX thing_s FOR (t:Thing) ON (t.s)",
                "CYPHER 5 CYPHER runtime=slotted DROP CONSTRAINT thing_id",
                "CYPHER 25 // the new language\n/* and a note */ CREATE OR REPLACE INDEX thing_n FOR (t:Thing) ON (t.n)")) {
            Statement s = new Statement(text, 1);
            assertTrue(s.isSchemaCommand(), text);
            assertFalse(s.isCallInTransactions(), text);
        }
    }

    @Test
    @DisplayName("classifies data behind query options as data, and a batched statement behind them as batched")
    void dataBehindQueryOptions() {
        assertFalse(new Statement("CYPHER 25 CREATE (:Thing {n: 1})", 1).isSchemaCommand());
        assertFalse(new Statement("CYPHER runtime=slotted MATCH (n) RETURN n", 1).isSchemaCommand());
        assertFalse(new Statement("CREATE (:Note {text: 'CYPHER 25 CREATE INDEX x FOR (n:N) ON (n.p)'})", 1)
                .isSchemaCommand());
        assertFalse(new Statement("CYPHERS 25 CREATE INDEX x FOR (n:N) ON (n.p)", 1).isSchemaCommand());
        assertTrue(new Statement("CYPHER 25\nMATCH (t:Thing) CALL (t) { SET t.seen = true } IN TRANSACTIONS", 1)
                .isCallInTransactions());
        assertEquals("MATCH (n) RETURN n", new Statement("cypher 5 runtime=slotted\n MATCH (n) RETURN n", 1)
                .codeAfterQueryOptions());
        assertEquals("MATCH (n) RETURN n", new Statement("MATCH (n) RETURN n", 1).codeAfterQueryOptions());
    }
}
