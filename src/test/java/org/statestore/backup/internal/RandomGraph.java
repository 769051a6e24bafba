package org.statestore.backup.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Values;
import org.statestore.history.internal.HistoryChain;
import org.statestore.history.internal.NewEntry;

/**
 * Writes a random graph for round-trip tests: every property type Neo4j stores (scalars, byte arrays,
 * every temporal type, 2D/3D cartesian and WGS-84 points, durations, and lists of each, empty ones
 * too), several labels per node, awkward names, self-loops, parallel relationships, constraints and
 * indexes of several kinds, and a history chain. Deterministic for a seed.
 */
final class RandomGraph {

    private static final String[] LABELS = {"Person", "A", "B", "With Space", "Back`Tick", "Ünïcödé", "__Weird", "Unique"};
    private static final String[] TYPES = {"KNOWS", "LIKES", "WITH SPACE", "BACK`TICK", "ü", "OWNS"};
    private static final String[] KEYS = {"name", "a", "b", "with space", "back`tick", "ключ", "x.y", "loc", "since"};
    private static final String[] ZONES = {"Europe/Paris", "America/New_York", "Asia/Kolkata", "UTC",
        "Australia/Lord_Howe", "Pacific/Chatham"};

    /** Schema statements; each graph creates a random subset (at least a few). */
    private static final String[] SCHEMA = {
        "CREATE CONSTRAINT uniq_uid FOR (n:Unique) REQUIRE n.uid IS UNIQUE",
        "CREATE CONSTRAINT `rel ``key`` unique` FOR ()-[r:OWNS]-() REQUIRE r.key IS UNIQUE",
        "CREATE INDEX person_name FOR (n:Person) ON (n.name)",
        "CREATE INDEX person_ab FOR (n:Person) ON (n.a, n.b)",
        "CREATE TEXT INDEX a_name_text FOR (n:A) ON (n.name)",
        "CREATE POINT INDEX b_loc FOR (n:B) ON (n.loc)",
        "CREATE FULLTEXT INDEX ab_fulltext FOR (n:A|B) ON EACH [n.name, n.`with space`]",
        "CREATE INDEX knows_since FOR ()-[r:KNOWS]-() ON (r.since)",
        "CREATE INDEX `weird ``name`` index` FOR (n:`With Space`) ON (n.`with space`)",
        "CREATE VECTOR INDEX person_embedding FOR (n:Person) ON (n.embedding) "
            + "OPTIONS {indexConfig: {`vector.dimensions`: 3, `vector.similarity_function`: 'cosine'}}",
    };

    private final Random random;
    private int uid;
    private int ownsKey;

    RandomGraph(long seed) {
        this.random = new Random(seed);
    }

    /** Writes the graph into the (empty) database; returns how many nodes and relationships it wrote. */
    long[] write(Driver driver) {
        SessionConfig config = SessionConfig.forDatabase("neo4j");
        int nodeCount = 15 + random.nextInt(50);
        List<String> ids = new ArrayList<>();
        long rels = 0;
        try (Session s = driver.session(config)) {
            for (String statement : SCHEMA) {
                if (random.nextInt(10) < 7) {
                    s.run(statement).consume();
                }
            }
            for (int i = 0; i < nodeCount; i++) {
                List<String> labels = labels();
                Map<String, Object> props = properties(labels.contains("Unique") ? "uid" : null);
                StringBuilder q = new StringBuilder("CREATE (n");
                for (String l : labels) {
                    q.append(":`").append(l.replace("`", "``")).append('`');
                }
                q.append(") SET n = $props RETURN elementId(n) AS id");
                ids.add(s.run(q.toString(), Map.of("props", props)).single().get("id").asString());
            }
            int relCount = nodeCount * (1 + random.nextInt(3));
            for (int i = 0; i < relCount; i++) {
                String a = ids.get(random.nextInt(ids.size()));
                // Self-loops on purpose, and parallel relationships by repetition.
                String b = random.nextInt(8) == 0 ? a : ids.get(random.nextInt(ids.size()));
                String type = TYPES[random.nextInt(TYPES.length)];
                int copies = random.nextInt(6) == 0 ? 2 + random.nextInt(2) : 1;
                for (int c = 0; c < copies; c++) {
                    Map<String, Object> props = type.equals("OWNS") ? properties("key") : properties(null);
                    s.run("MATCH (a) WHERE elementId(a) = $a MATCH (b) WHERE elementId(b) = $b CREATE (a)-[r:`"
                            + type.replace("`", "``") + "`]->(b) SET r = $props",
                            Map.of("a", a, "b", b, "props", props)).consume();
                    rels++;
                }
            }
        }
        HistoryChain chain = new HistoryChain(driver, config);
        int entries = 1 + random.nextInt(3);
        for (int i = 1; i <= entries; i++) {
            chain.recordBaseline(new NewEntry("0." + i + ".0", "entry " + i, "BASELINE", "v1:abc" + i, "test",
                    "tester@host", org.statestore.history.RecordedRollback.none(), "single"));
        }
        return new long[] {nodeCount, rels};
    }

    private List<String> labels() {
        List<String> labels = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String l = LABELS[random.nextInt(LABELS.length)];
            if (!labels.contains(l)) {
                labels.add(l);
            }
        }
        return labels;
    }

    private Map<String, Object> properties(String uniqueKey) {
        Map<String, Object> props = new HashMap<>();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            props.put(KEYS[random.nextInt(KEYS.length)] + (random.nextBoolean() ? "" : "_" + i), value());
        }
        if (uniqueKey != null) {
            props.put(uniqueKey, uniqueKey.equals("uid") ? "uid-" + (uid++) : (long) ownsKey++);
        }
        if (random.nextInt(4) == 0) {
            props.put("embedding", List.of(random.nextDouble(), random.nextDouble(), random.nextDouble()));
        }
        return props;
    }

    /** One value of a random type: a scalar, or a homogeneous list (possibly empty) of a scalar type. */
    private Object value() {
        int kind = random.nextInt(15);
        if (kind == 14) {
            Supplier<Object> element = scalarSupplier(random.nextInt(13));
            int size = random.nextInt(5);
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                list.add(element.get());
            }
            return list;
        }
        if (kind == 13) {
            byte[] bytes = new byte[random.nextInt(17)];
            random.nextBytes(bytes);
            return bytes;
        }
        return scalarSupplier(kind).get();
    }

    private Supplier<Object> scalarSupplier(int kind) {
        switch (kind) {
            case 0: return this::string;
            case 1: return this::integer;
            case 2: return this::floating;
            case 3: return random::nextBoolean;
            case 4: return () -> LocalDate.ofEpochDay(random.nextInt(2_000_000) - 1_000_000);
            case 5: return () -> OffsetTime.of(localTime(), offset());
            case 6: return this::localTime;
            case 7: return () -> ZonedDateTime.of(localDateTime(), ZoneId.of(ZONES[random.nextInt(ZONES.length)]));
            case 8: return () -> ZonedDateTime.of(localDateTime(), offset());
            case 9: return this::localDateTime;
            case 10: return () -> Values.isoDuration(random.nextInt(2000) - 1000, random.nextInt(2000) - 1000,
                    random.nextInt(2_000_000) - 1_000_000, random.nextInt(1_000_000_000)).asIsoDuration();
            case 11: {
                int crs = random.nextInt(4); // a list of points shares one coordinate system
                return () -> point(crs);
            }
            default: return () -> random.nextBoolean() ? "" : string();
        }
    }

    private String string() {
        String[] pool = {"plain", "with \"quotes\" and 'apostrophes'", "new\nline\ttab", "ünïcödé ✓ 🚀", "`back`tick`",
            "\\backslash", "{\"json\": [1]}", "   "};
        return pool[random.nextInt(pool.length)] + random.nextInt(1000);
    }

    private Object integer() {
        long[] edges = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1L << 53, (1L << 53) + 1};
        return random.nextInt(5) == 0 ? edges[random.nextInt(edges.length)] : random.nextLong();
    }

    private Object floating() {
        double[] edges = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, 0.1, 1.0};
        return random.nextInt(4) == 0 ? edges[random.nextInt(edges.length)] : (random.nextDouble() - 0.5) * 1e6;
    }

    private LocalTime localTime() {
        return LocalTime.ofNanoOfDay(Math.floorMod(random.nextLong(), 86_400_000_000_000L));
    }

    private LocalDateTime localDateTime() {
        return LocalDateTime.of(LocalDate.ofEpochDay(random.nextInt(40_000) - 10_000), localTime());
    }

    private ZoneOffset offset() {
        return ZoneOffset.ofTotalSeconds((random.nextInt(36 * 4 + 1) - 18 * 4) * 15 * 60);
    }

    private Object point(int crs) {
        switch (crs) {
            case 0: return Values.point(7203, random.nextDouble() * 100, random.nextDouble() * -100).asPoint();
            case 1: return Values.point(9157, random.nextDouble(), random.nextDouble(), random.nextDouble()).asPoint();
            case 2: return Values.point(4326, random.nextDouble() * 360 - 180, random.nextDouble() * 180 - 90).asPoint();
            default: return Values.point(4979, random.nextDouble() * 360 - 180, random.nextDouble() * 180 - 90,
                    random.nextDouble() * 1000).asPoint();
        }
    }
}
