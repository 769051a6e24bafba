package org.statestore.migrate;

import java.util.Locale;

import org.statestore.cypher.CypherScript;

/** How a unit's statements are grouped into transactions; recorded on its history entry. */
public enum TransactionMode {
    /** All statements and the success record commit together. */
    SINGLE,
    /** Schema commands and data writes in separate transactions, because Neo4j refuses to mix them. */
    SPLIT,
    /** Each statement in its own auto-commit transaction: the script batches itself with CALL {} IN TRANSACTIONS. */
    AUTO_COMMIT,
    /** A Java unit manages its own transactions. */
    UNIT_MANAGED;

    public static TransactionMode of(Unit unit) {
        if (unit instanceof CypherUnit c) {
            return of(c.script());
        }
        if (unit instanceof RepeatableUnit r) {
            return of(r.script());
        }
        return UNIT_MANAGED;
    }

    public static TransactionMode of(CypherScript script) {
        if (script.batchesItself()) {
            return AUTO_COMMIT;
        }
        boolean anySchema = script.statements().stream().anyMatch(s -> s.isSchemaCommand());
        return anySchema ? SPLIT : SINGLE;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
