package org.statestore.migrate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.cypher.CypherScript;

@DisplayName("Checksums")
class ChecksumsTest {

    private static String of(String text) {
        return Checksums.ofScript(CypherScript.parse("x", text));
    }

    @Test
    @DisplayName("are prefixed with their algorithm and stable across runs")
    void prefixedAndStable() {
        String c = of("CREATE (:A);\nCREATE (:B);\n");
        assertTrue(c.startsWith("v1:"), c);
        assertEquals(3 + 64, c.length());
        assertEquals(c, of("CREATE (:A);\nCREATE (:B);\n"));
        // Pinned: a change of algorithm must be a new prefix, never a silent change of v1.
        assertEquals("v1:" + Checksums.sha256("CREATE (:A);\nCREATE (:B);\n"), c);
    }

    @Test
    @DisplayName("do not change when a script is saved with CRLF line endings or trailing whitespace")
    void crlfEqualsLf() {
        assertEquals(of("MATCH (n)\nSET n.x = 1;\nRETURN 1;\n"), of("MATCH (n)   \r\nSET n.x = 1;\r\n\r\nRETURN 1;  \r\n"));
    }

    @Test
    @DisplayName("change with any edit to a statement or a comment before it, but not with blank lines between statements")
    void edits() {
        String base = of("CREATE (:A);\nCREATE (:B);");
        assertEquals(base, of("CREATE (:A);\n\n\nCREATE (:B);\n\n"));
        assertNotEquals(base, of("CREATE (:A);\n// note\nCREATE (:B);"));
        assertNotEquals(base, of("CREATE (:A);\nCREATE (:C);"));
        assertNotEquals(base, of("CREATE (:A);\nCREATE  (:B);"));
    }

    @Test
    @DisplayName("for Java units derive from class name and revision")
    void javaUnits() {
        assertNotEquals(Checksums.ofJavaUnit("a.V1__X", 1), Checksums.ofJavaUnit("a.V1__X", 2));
        assertEquals(Checksums.ofJavaUnit("a.V1__X", 1), Checksums.ofJavaUnit("a.V1__X", 1));
    }
}
