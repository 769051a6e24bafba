package org.statestore.backup;

import java.util.Objects;

/**
 * A constraint or index as {@code SHOW CONSTRAINTS/INDEXES YIELD *} reports it; restoring runs its
 * {@code createStatement}, which carries the name, the schema and the options.
 */
public record SchemaDefinition(Kind kind, String name, String type, String createStatement) implements BackupRecord {

    /** Which SHOW command the definition came from. */
    public enum Kind { CONSTRAINT, INDEX }

    public SchemaDefinition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createStatement, "createStatement");
    }
}
