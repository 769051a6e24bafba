package org.statestore.backup.internal;

import java.util.Objects;

/**
 * A constraint or index record of a backup: its name and type and the {@code createStatement} Neo4j
 * reported. The statement is never run: it is parsed strictly into a {@link SchemaShape}, which must name
 * this record, and a restore builds its own statement from those fields.
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
