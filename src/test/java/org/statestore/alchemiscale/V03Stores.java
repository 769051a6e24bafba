package org.statestore.alchemiscale;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.statestore.testing.TestNeo4j;

/** Test support: seeding v0.3 stores into the shared server and reading back every NetworkMark. */
final class V03Stores {

    private V03Stores() {
    }

    static SeedResult.Seeded seed(TestNeo4j neo4j, int networks) {
        return (SeedResult.Seeded) new V03StoreGenerator(neo4j.driver(), SessionConfig.forDatabase("neo4j"), line -> { })
                .seed(SeedSpec.of(networks));
    }

    /** md5 hex of the UTF-8 bytes, computed here independently of the code under test. */
    static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The node properties alchemiscale v0.4 gives the mark of a network with this scoped key and scope. */
    static Map<String, Object> expectedMark(String target, String org, String campaign, String project) throws Exception {
        String gufeKey = "NetworkMark-" + md5(target);
        Map<String, Object> m = new TreeMap<>();
        m.put("target", target);
        m.put("state", "active");
        m.put("__qualname__", "NetworkMark");
        m.put("__module__", "alchemiscale.storage.models");
        m.put(":version:", 1L);
        m.put("_json_props", List.of());
        m.put("_gufe_key", gufeKey);
        m.put("_scoped_key", gufeKey + "-" + org + "-" + campaign + "-" + project);
        m.put("_org", org);
        m.put("_campaign", campaign);
        m.put("_project", project);
        return m;
    }

    /**
     * Every network with its marks, in a canonical form that two equal graphs render identically:
     * scoped key to a list of (labels, mark properties, MARKS properties, other relationships of the mark).
     */
    static Map<String, List<Map<String, Object>>> marks(TestNeo4j neo4j) {
        Map<String, List<Map<String, Object>>> all = new TreeMap<>();
        for (Record r : neo4j.query("""
                MATCH (n:AlchemicalNetwork)
                OPTIONAL MATCH (m)-[r:MARKS]->(n)
                WITH n, m, r ORDER BY m._scoped_key
                RETURN n._scoped_key AS network,
                       [x IN collect({labels: labels(m), props: properties(m), rel: properties(r),
                                      degree: COUNT { (m)--() }}) WHERE x.props IS NOT NULL] AS marks""")) {
            List<Map<String, Object>> marks = r.get("marks").asList(v -> {
                Map<String, Object> mark = new LinkedHashMap<>();
                mark.put("labels", v.get("labels").asList(x -> x.asString()).stream().sorted().toList());
                mark.put("props", new TreeMap<>(v.get("props").asMap()));
                mark.put("rel", new TreeMap<>(v.get("rel").asMap()));
                mark.put("degree", v.get("degree").asLong());
                return mark;
            });
            all.put(r.get("network").asString(), marks);
        }
        return all;
    }
}
