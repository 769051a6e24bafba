package org.statestore.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.statestore.testing.TestNeo4j;

@DisplayName("schema records are parsed strictly into fields and rebuilt, never run as written")
class SchemaShapeTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    /** Every kind of constraint and index Neo4j 5.26 Community creates, with awkward names. */
    private static final List<String> SCHEMA = List.of(
            "CREATE CONSTRAINT `u``1` FOR (n:`A b`) REQUIRE n.`x``y` IS UNIQUE",
            "CREATE CONSTRAINT u2 FOR (n:P) REQUIRE (n.a, n.b) IS UNIQUE",
            "CREATE CONSTRAINT u3 FOR ()-[r:OWNS]-() REQUIRE r.key IS UNIQUE",
            "CREATE INDEX r1 FOR (n:Person) ON (n.a, n.b)",
            "CREATE INDEX r2 FOR ()-[r:KNOWS]-() ON (r.since)",
            "CREATE TEXT INDEX t1 FOR (n:A) ON (n.name)",
            "CREATE TEXT INDEX t2 FOR ()-[r:R]-() ON (r.name)",
            "CREATE POINT INDEX p1 FOR (n:B) ON (n.loc)",
            "CREATE POINT INDEX p2 FOR ()-[r:R]-() ON (r.loc) OPTIONS {indexConfig: {`spatial.cartesian.min`: "
                    + "[-100.0, -100.0], `spatial.cartesian.max`: [100.0, 100.0]}}",
            "CREATE FULLTEXT INDEX f1 FOR (n:A|B) ON EACH [n.name, n.`with space`]",
            "CREATE FULLTEXT INDEX f2 FOR ()-[r:R|S]-() ON EACH [r.name] OPTIONS {indexConfig: "
                    + "{`fulltext.analyzer`: 'english', `fulltext.eventually_consistent`: true}}",
            "CREATE VECTOR INDEX v1 FOR (n:Person) ON (n.embedding) OPTIONS {indexConfig: {`vector.dimensions`: 3, "
                    + "`vector.similarity_function`: 'cosine'}}",
            "CREATE VECTOR INDEX v2 FOR ()-[r:R]-() ON (r.embedding)");

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private List<SchemaDefinition> shown() {
        List<SchemaDefinition> all = new ArrayList<>();
        for (Record r : neo4j.query("SHOW CONSTRAINTS YIELD name, type, createStatement")) {
            all.add(new SchemaDefinition(SchemaDefinition.Kind.CONSTRAINT, r.get("name").asString(),
                    r.get("type").asString(), r.get("createStatement").asString()));
        }
        for (Record r : neo4j.query("SHOW INDEXES YIELD name, type, owningConstraint, createStatement "
                + "WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN name, type, createStatement")) {
            all.add(new SchemaDefinition(SchemaDefinition.Kind.INDEX, r.get("name").asString(),
                    r.get("type").asString(), r.get("createStatement").asString()));
        }
        return all;
    }

    private Map<String, String> described() {
        Map<String, String> m = new TreeMap<>();
        for (String q : List.of("SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties, options "
                + "RETURN *", "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, options, "
                + "owningConstraint WHERE type <> 'LOOKUP' RETURN *")) {
            for (Record r : neo4j.query(q)) {
                m.put(r.get("name").asString(), r.get("type").asString() + " " + r.get("entityType").asString() + " "
                        + r.get("labelsOrTypes").asList(Value::asString) + " " + r.get("properties").asList(Value::asString)
                        + " " + r.get("options").asMap());
            }
        }
        return m;
    }

    @Test
    @DisplayName("every createStatement Neo4j 5.26 reports parses, and the statement rebuilt from its fields (as "
            + "parameters, or quoted for an older server) recreates exactly the same constraint or index")
    void roundTrip() {
        SCHEMA.forEach(neo4j::query);
        List<SchemaDefinition> original = shown();
        assertEquals(SCHEMA.size(), original.size());
        Map<String, String> before = described();

        for (CypherDialect dialect : CypherDialect.values()) {
            List<SchemaShape> shapes = original.stream().map(SchemaShape::parse).toList();
            neo4j.reset();
            try (Session s = neo4j.driver().session()) {
                for (SchemaShape shape : shapes) {
                    if (dialect == CypherDialect.QUOTED && shape.names().stream().anyMatch(n -> n.contains("`"))) {
                        assertThrows(IllegalArgumentException.class, () -> shape.statement(dialect));
                        CypherStatement st = shape.statement(CypherDialect.DYNAMIC);
                        s.run(st.text(), st.parameters()).consume();
                        continue;
                    }
                    CypherStatement st = shape.statement(dialect);
                    s.run(st.text(), st.parameters()).consume();
                }
            }
            assertEquals(before, described(), dialect.name());
        }
    }

    @Test
    @DisplayName("a uniqueness constraint as a Cypher 25 database lists it (NODE_/RELATIONSHIP_PROPERTY_UNIQUENESS) is "
            + "the Cypher 5 type backups record; no other type is renamed")
    void cypher25ConstraintTypes() {
        assertEquals("UNIQUENESS", SchemaShape.canonicalType("NODE_PROPERTY_UNIQUENESS"));
        assertEquals("RELATIONSHIP_UNIQUENESS", SchemaShape.canonicalType("RELATIONSHIP_PROPERTY_UNIQUENESS"));
        for (String same : List.of("UNIQUENESS", "NODE_KEY", "RELATIONSHIP_KEY", "NODE_PROPERTY_EXISTENCE",
                "NODE_PROPERTY_TYPE", "RANGE", "TEXT")) {
            assertEquals(same, SchemaShape.canonicalType(same));
        }
        String create = "CREATE CONSTRAINT `k` FOR (n:`L`) REQUIRE (n.`p`) IS UNIQUE";
        SchemaShape.parse(new SchemaDefinition(SchemaDefinition.Kind.CONSTRAINT, "k", "NODE_PROPERTY_UNIQUENESS", create));
        assertThrows(BackupFormatException.class, () -> SchemaShape.parse(new SchemaDefinition(
                SchemaDefinition.Kind.CONSTRAINT, "k", "RELATIONSHIP_PROPERTY_UNIQUENESS", create)));
    }

    @Test
    @DisplayName("anything but those forms is refused, naming the record: other statements, trailing text, "
            + "a different name, kind or type, unknown options, backslashes")
    void refusals() {
        String ok = "CREATE CONSTRAINT `k` FOR (n:`L`) REQUIRE (n.`p`) IS UNIQUE";
        SchemaShape.parse(new SchemaDefinition(SchemaDefinition.Kind.CONSTRAINT, "k", "UNIQUENESS", ok));
        List<String[]> bad = List.of(
                new String[] {"CONSTRAINT", "k", "UNIQUENESS", "CREATE USER mallory SET PASSWORD 'x'"},
                new String[] {"CONSTRAINT", "k", "UNIQUENESS", "DROP CONSTRAINT `k`"},
                new String[] {"CONSTRAINT", "k", "UNIQUENESS", ok + " RETURN 1"},
                new String[] {"CONSTRAINT", "k", "UNIQUENESS", ok + "\nCREATE (:Pwned)"},
                new String[] {"CONSTRAINT", "k", "UNIQUENESS", "CREATE CONSTRAINT `k` FOR (n:`L`) REQUIRE (m.`p`) IS UNIQUE"},
                new String[] {"CONSTRAINT", "k", "UNIQUENESS", "CREATE CONSTRAINT `k` FOR (n:`L`|`M`) REQUIRE (n.`p`) IS UNIQUE"},
                new String[] {"CONSTRAINT", "k", "UNIQUENESS", "CREATE CONSTRAINT `k` FOR (n:`L`) REQUIRE (n.`p`) IS UNIQUE "
                        + "OPTIONS {indexProvider: 'evil-1.0'}"},
                new String[] {"CONSTRAINT", "k", "NODE_PROPERTY_TYPE", "CREATE CONSTRAINT `k` FOR (n:`L`) REQUIRE (n.`p`) "
                        + "IS :: STRING OR 1=1"},
                new String[] {"CONSTRAINT", "j", "UNIQUENESS", ok},
                new String[] {"INDEX", "k", "UNIQUENESS", ok},
                new String[] {"CONSTRAINT", "k", "RELATIONSHIP_UNIQUENESS", ok},
                new String[] {"INDEX", "i", "TEXT", "CREATE TEXT INDEX `i` FOR (n:`L`) ON (n.`p`, n.`q`)"},
                new String[] {"INDEX", "i", "RANGE", "CREATE RANGE INDEX `i` FOR (n:`L`) ON EACH [n.`p`]"},
                new String[] {"INDEX", "i", "VECTOR", "CREATE VECTOR INDEX `i` FOR (n:`L`) ON (n.`p`) OPTIONS "
                        + "{indexConfig: {`vector.similarity_function`: 'evil'}}"},
                new String[] {"INDEX", "i", "RANGE", "CREATE RANGE INDEX `i\\u0060` FOR (n:`L`) ON (n.`p`)"},
                new String[] {"INDEX", "i", "RANGE", "CREATE RANGE INDEX `i` FOR (n:`L`) ON (n.`p`"});
        for (String[] b : bad) {
            SchemaDefinition d = new SchemaDefinition(SchemaDefinition.Kind.valueOf(b[0]), b[1], b[2], b[3]);
            BackupFormatException e = assertThrows(BackupFormatException.class, () -> SchemaShape.parse(d), b[3]);
            assertTrue(e.getMessage().startsWith(b[0].toLowerCase(java.util.Locale.ROOT) + " '" + b[1] + "'"),
                    e.getMessage());
        }
    }
}
