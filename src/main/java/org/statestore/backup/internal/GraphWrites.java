package org.statestore.backup.internal;

import java.util.List;
import java.util.Map;

/**
 * The statements a restore writes data with. Labels and relationship types are never spliced into the
 * text for a server that takes them as parameters ({@link CypherDialect#DYNAMIC}); for an older one they
 * are quoted, and names that cannot be quoted safely for it were refused before anything was written.
 */
record GraphWrites(CypherDialect dialect) {

    private static final String CREATE_NODES = "UNWIND $rows AS row CREATE (n:$($labels)) SET n = row.p "
            + "RETURN row.i AS i, id(n) AS id";
    private static final String CREATE_RELATIONSHIPS = "UNWIND $rows AS row MATCH (a) WHERE id(a) = row.s "
            + "MATCH (b) WHERE id(b) = row.e CREATE (a)-[r:$($type)]->(b) SET r = row.p";

    /** Creates one node per row ({@code i}: backup id, {@code p}: properties) with {@code labels}; returns i and the new id. */
    CypherStatement createNodes(List<String> labels, List<Map<String, Object>> rows) {
        if (dialect == CypherDialect.DYNAMIC) {
            return new CypherStatement(CREATE_NODES, Map.of("rows", rows, "labels", labels));
        }
        StringBuilder q = new StringBuilder("UNWIND $rows AS row CREATE (n");
        for (String label : labels) {
            q.append(':').append(dialect.quote(label));
        }
        q.append(") SET n = row.p RETURN row.i AS i, id(n) AS id");
        return new CypherStatement(q.toString(), Map.of("rows", rows));
    }

    /** Creates one relationship of {@code type} per row ({@code s}, {@code e}: new node ids, {@code p}: properties). */
    CypherStatement createRelationships(String type, List<Map<String, Object>> rows) {
        if (dialect == CypherDialect.DYNAMIC) {
            return new CypherStatement(CREATE_RELATIONSHIPS, Map.of("rows", rows, "type", type));
        }
        return new CypherStatement("UNWIND $rows AS row MATCH (a) WHERE id(a) = row.s MATCH (b) WHERE id(b) = row.e "
                + "CREATE (a)-[r:" + dialect.quote(type) + "]->(b) SET r = row.p", Map.of("rows", rows));
    }

    /** Drops the constraint or index {@code name} of the target (a --replace wipe). */
    CypherStatement drop(SchemaDefinition.Kind kind, String name) {
        String what = kind == SchemaDefinition.Kind.CONSTRAINT ? "DROP CONSTRAINT " : "DROP INDEX ";
        if (dialect == CypherDialect.DYNAMIC) {
            return new CypherStatement(what + "$name", Map.of("name", name));
        }
        return new CypherStatement(what + dialect.quote(name), Map.of());
    }
}
