package org.statestore.cypher;

import java.util.List;
import java.util.Objects;

/**
 * A parsed Cypher script: its name (for messages) and its statements in order.
 *
 * <p>A script holds at least one statement; an empty script is almost always a mistake (a file saved
 * before it was written), so parsing refuses it rather than recording a unit that did nothing.
 */
public record CypherScript(String name, List<Statement> statements) {

    public CypherScript {
        Objects.requireNonNull(name, "name");
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new ScriptSyntaxException(name, 0, "script holds no statement");
        }
    }

    /** Splits {@code source} into statements; throws {@link ScriptSyntaxException} naming the line on bad input. */
    public static CypherScript parse(String name, String source) {
        return new CypherScript(name, ScriptLexer.split(source, name));
    }

    /** True when any statement uses {@code CALL { ... } IN TRANSACTIONS}, which only runs in auto-commit mode. */
    public boolean batchesItself() {
        return statements.stream().anyMatch(Statement::isCallInTransactions);
    }
}
