package org.statestore.backup.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * What a database holds, computed independently of the backup code: every node as a canonical text
 * (sorted labels, sorted properties with their driver types), every relationship as its type,
 * properties and both endpoints' canonical texts, and the schema's create statements; each a sorted
 * list, so comparing two snapshots ignores order and internal ids.
 */
record GraphSnapshot(List<String> nodes, List<String> relationships, List<String> schema) {

    static GraphSnapshot of(Driver driver) {
        try (Session s = driver.session()) {
            Map<String, String> byId = new HashMap<>();
            List<String> nodes = new ArrayList<>();
            for (Record r : s.run("MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props")
                    .list()) {
                List<String> labels = new ArrayList<>(r.get("labels").asList(Value::asString));
                Collections.sort(labels);
                String text = labels + " " + canonical(r.get("props"));
                byId.put(r.get("id").asString(), text);
                nodes.add(text);
            }
            List<String> rels = new ArrayList<>();
            for (Record r : s.run("MATCH (a)-[r]->(b) RETURN elementId(a) AS a, elementId(b) AS b, type(r) AS type, "
                    + "properties(r) AS props").list()) {
                rels.add("(" + byId.get(r.get("a").asString()) + ")-[" + r.get("type").asString() + " "
                        + canonical(r.get("props")) + "]->(" + byId.get(r.get("b").asString()) + ")");
            }
            List<String> schema = new ArrayList<>();
            s.run("SHOW CONSTRAINTS YIELD createStatement").list().forEach(r -> schema.add(r.get(0).asString()));
            s.run("SHOW INDEXES YIELD type, owningConstraint, createStatement WHERE type <> 'LOOKUP' "
                    + "AND owningConstraint IS NULL RETURN createStatement").list()
                    .forEach(r -> schema.add(r.get(0).asString()));
            Collections.sort(nodes);
            Collections.sort(rels);
            Collections.sort(schema);
            return new GraphSnapshot(nodes, rels, schema);
        }
    }

    /** A value with its driver type name, recursively for maps and lists. */
    static String canonical(Value v) {
        String type = v.type().name();
        if (type.equals("MAP")) {
            Map<String, String> sorted = new TreeMap<>();
            for (String k : v.keys()) {
                sorted.put(k, canonical(v.get(k)));
            }
            return sorted.toString();
        }
        if (type.startsWith("LIST")) {
            List<String> items = new ArrayList<>();
            for (Value item : v.values()) {
                items.add(canonical(item));
            }
            return "LIST" + items;
        }
        if (type.equals("BYTES")) {
            return "BYTES" + Arrays.toString(v.asByteArray());
        }
        if (type.equals("FLOAT")) {
            return "FLOAT(" + Double.doubleToLongBits(v.asDouble()) + ")";
        }
        return type + "(" + v.asObject() + ")";
    }
}
