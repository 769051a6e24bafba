package org.statestore.alchemiscale;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.summary.SummaryCounters;

/**
 * A development tool: writes a synthetic store in the shape alchemiscale v0.3 leaves behind, so the
 * migrations can be tested and benchmarked at any size. It matches the fixture dump of a real v0.3 store:
 * the four constraints and the {@code task_status} index, a {@code :NOPE} node, two
 * ComputeServiceRegistrations, and per network a TaskHub, Transformations and Tasks in three scopes, with
 * LocalDateTime times (microsecond precision) on {@code Task.datetime_created}, {@code CLAIMS.claimed} and
 * the registrations; no NetworkMark.
 *
 * <p>Everything is derived from the network's index, so two stores seeded with the same spec are
 * identical. Networks are written {@link SeedSpec#batchSize()} per transaction, so a million is possible.
 * It writes only into a database that holds no data (statestore's own nodes aside).
 */
public final class V03StoreGenerator {

    /** The scopes of the fixture dump; network {@code i} goes to scope {@code i % 3}. */
    static final List<List<String>> SCOPES = List.of(
            List.of("acme", "tyk2_2023", "fep_round1"),
            List.of("acme", "cdk8_2023", "screen"),
            List.of("openff", "benchmark", "tyk2_2023"));

    private static final String[] STATUSES = {"waiting", "running", "complete", "error"};
    private static final LocalDateTime EPOCH = LocalDateTime.of(2023, 6, 1, 0, 0);
    private static final String MAPPING = "{\"componentA\": \"ligand\", \"atoms\": [[0, 0], [1, 2]]}";

    private static final String BASE = """
            CREATE (:NOPE)
            WITH 1 AS one
            UNWIND $registrations AS r
            CREATE (c:ComputeServiceRegistration)
            SET c = r""";

    // One statement per batch; the unit subqueries add optional relationships without changing the rows.
    private static final String BATCH = """
            UNWIND $networks AS nw
            CREATE (n:GufeTokenizable:AlchemicalNetwork)
            SET n = nw.props
            CREATE (h:GufeTokenizable:TaskHub)
            SET h = nw.hub
            CREATE (h)-[:PERFORMS {_org: nw.props._org, _campaign: nw.props._campaign, _project: nw.props._project}]->(n)
            WITH n, h, nw
            UNWIND nw.transformations AS tf
            CREATE (t:GufeTokenizable:Transformation)
            SET t = tf.props
            CREATE (n)-[:DEPENDS_ON {attribute: 'edges', index: tf.index,
                _org: nw.props._org, _campaign: nw.props._campaign, _project: nw.props._project}]->(t)
            WITH h, t, tf, nw
            UNWIND tf.tasks AS tk
            CREATE (k:GufeTokenizable:Task)
            SET k = tk.props
            CREATE (k)-[:PERFORMS {_org: nw.props._org, _campaign: nw.props._campaign, _project: nw.props._project}]->(t)
            WITH h, k, tk
            CALL {
                WITH h, k, tk
                WITH h, k, tk WHERE tk.props.status = 'waiting'
                CREATE (h)-[:ACTIONS {weight: 0.5, task: k._scoped_key}]->(k)
            }
            CALL {
                WITH k, tk
                WITH k, tk WHERE tk.claimedBy IS NOT NULL
                MATCH (c:ComputeServiceRegistration {identifier: tk.claimedBy})
                CREATE (c)-[:CLAIMS {claimed: tk.claimed}]->(k)
            }""";

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final Consumer<String> progress;

    public V03StoreGenerator(Driver driver, SessionConfig sessionConfig, Consumer<String> progress) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.progress = progress;
    }

    /** Writes the store, or refuses when the database already holds data. */
    public SeedResult seed(SeedSpec spec) {
        long started = System.nanoTime();
        try (Session session = driver.session(sessionConfig)) {
            if (StoreSurvey.hasNonStatestoreNode(session)) {
                return new SeedResult.Refused("the database already holds data; dev seed writes only into an "
                        + "empty database (see 'statestore database reset')");
            }
            for (UniqueConstraint c : UniqueConstraint.ALCHEMISCALE) {
                session.run(c.createStatement()).consume();
            }
            session.run("CREATE INDEX task_status IF NOT EXISTS FOR (n:Task) ON (n.status)").consume();
            session.run("CALL db.awaitIndexes(300)").consume();
            long nodes = 1 + registrations().size();
            session.executeWriteWithoutResult(tx -> tx.run(BASE, Map.of("registrations", registrations())).consume());
            long relationships = 0;
            for (int from = 0; from < spec.networks(); from += spec.batchSize()) {
                int to = Math.min(spec.networks(), from + spec.batchSize());
                List<Map<String, Object>> batch = batch(spec, from, to);
                SummaryCounters counters = session.executeWrite(tx -> tx.run(BATCH, Map.of("networks", batch))
                        .consume().counters());
                nodes += counters.nodesCreated();
                relationships += counters.relationshipsCreated();
                progress.accept("dev seed: " + to + " of " + spec.networks() + " networks written (" + nodes
                        + " nodes)");
            }
            return new SeedResult.Seeded(spec.networks(), nodes, relationships,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static List<Map<String, Object>> registrations() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            list.add(Map.of("identifier", registrationId(i),
                    "registered", time(i * 7919L),
                    "heartbeat", time(90L * 86_400 + i * 3001L)));
        }
        return list;
    }

    private static String registrationId(int i) {
        return "compute-svc-" + NetworkMarkKey.md5Hex("v03-seed/registration/" + i);
    }

    /** Networks {@code from} (inclusive) to {@code to} as statement parameters. */
    static List<Map<String, Object>> batch(SeedSpec spec, int from, int to) {
        List<Map<String, Object>> networks = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            List<String> scope = SCOPES.get(i % SCOPES.size());
            String networkKey = "AlchemicalNetwork-" + token("network", i);
            Map<String, Object> nw = new HashMap<>();
            nw.put("props", gufe("AlchemicalNetwork", "gufe.network", networkKey, scope, List.of(),
                    Map.of("name", scope.get(2) + "_network_" + i)));
            nw.put("hub", gufe("TaskHub", "alchemiscale.storage.models", "TaskHub-" + token("taskhub", i), scope,
                    List.of(), Map.of("weight", 0.5, "network", scopedKey(networkKey, scope))));
            List<Map<String, Object>> transformations = new ArrayList<>();
            for (int t = 0; t < spec.transformationsPerNetwork(); t++) {
                long tIndex = (long) i * spec.transformationsPerNetwork() + t;
                List<Map<String, Object>> tasks = new ArrayList<>();
                for (int k = 0; k < spec.tasksPerTransformation(); k++) {
                    long kIndex = tIndex * spec.tasksPerTransformation() + k;
                    tasks.add(task(kIndex, scope));
                }
                transformations.add(Map.of("index", t, "tasks", tasks,
                        "props", gufe("Transformation", "gufe.transformations.transformation",
                                "Transformation-" + token("transformation", tIndex), scope, List.of("mapping"),
                                Map.of("name", "lig_" + (2 * tIndex) + "_to_lig_" + (2 * tIndex + 1),
                                        "mapping", MAPPING))));
            }
            nw.put("transformations", transformations);
            networks.add(nw);
        }
        return networks;
    }

    private static Map<String, Object> task(long index, List<String> scope) {
        String status = STATUSES[(int) (index % STATUSES.length)];
        Map<String, Object> task = new HashMap<>();
        task.put("props", gufe("Task", "alchemiscale.storage.models", "Task-" + token("task", index), scope, List.of(),
                Map.of("status", status, "priority", (int) (index % 10) + 1,
                        "datetime_created", time(index * 37 + 3600))));
        if ("running".equals(status)) {
            task.put("claimedBy", registrationId((int) (index % 2)));
            task.put("claimed", time(index * 37 + 86_400));
        } else {
            task.put("claimedBy", null);
        }
        return task;
    }

    private static Map<String, Object> gufe(String qualname, String module, String gufeKey, List<String> scope,
                                            List<String> jsonProps, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("_gufe_key", gufeKey);
        props.put("_scoped_key", scopedKey(gufeKey, scope));
        props.put("_org", scope.get(0));
        props.put("_campaign", scope.get(1));
        props.put("_project", scope.get(2));
        props.put("_json_props", jsonProps);
        props.put("__qualname__", qualname);
        props.put("__module__", module);
        props.put(":version:", 1);
        return props;
    }

    private static String scopedKey(String gufeKey, List<String> scope) {
        return gufeKey + "-" + String.join("-", scope);
    }

    private static String token(String kind, long index) {
        return NetworkMarkKey.md5Hex("v03-seed/" + kind + "/" + index);
    }

    /** A deterministic LocalDateTime with microseconds, {@code seconds} after 2023-06-01T00:00. */
    private static LocalDateTime time(long seconds) {
        long micros = Math.floorMod(seconds * 7_919L + 104_729L, 1_000_000L);
        return EPOCH.plusSeconds(seconds).plusNanos(micros * 1000L);
    }
}
