package org.statestore.alchemiscale;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.summary.SummaryCounters;
import org.statestore.progress.ProgressSink;

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
final class V03StoreGenerator {

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

    // One statement per batch. Properties are spelled out (no SET n = map), which keeps the plan free of
    // Eager operators; the unit subqueries add optional relationships without changing the rows.
    private static final String BATCH = """
            UNWIND $networks AS nw
            CREATE (n:GufeTokenizable:AlchemicalNetwork {_gufe_key: nw.gufeKey, _scoped_key: nw.scopedKey,
                _org: nw.org, _campaign: nw.campaign, _project: nw.project, _json_props: [],
                __qualname__: 'AlchemicalNetwork', __module__: 'gufe.network', `:version:`: 1, name: nw.name})
            CREATE (h:GufeTokenizable:TaskHub {_gufe_key: nw.hubKey, _scoped_key: nw.hubScopedKey,
                _org: nw.org, _campaign: nw.campaign, _project: nw.project, _json_props: [],
                __qualname__: 'TaskHub', __module__: 'alchemiscale.storage.models', `:version:`: 1,
                weight: 0.5, network: nw.scopedKey})
            CREATE (h)-[:PERFORMS {_org: nw.org, _campaign: nw.campaign, _project: nw.project}]->(n)
            WITH n, h, nw
            UNWIND nw.transformations AS tf
            CREATE (t:GufeTokenizable:Transformation {_gufe_key: tf.gufeKey, _scoped_key: tf.scopedKey,
                _org: nw.org, _campaign: nw.campaign, _project: nw.project, _json_props: ['mapping'],
                __qualname__: 'Transformation', __module__: 'gufe.transformations.transformation',
                `:version:`: 1, name: tf.name, mapping: $mapping})
            CREATE (n)-[:DEPENDS_ON {attribute: 'edges', index: tf.index,
                _org: nw.org, _campaign: nw.campaign, _project: nw.project}]->(t)
            WITH h, t, tf, nw
            UNWIND tf.tasks AS tk
            CREATE (k:GufeTokenizable:Task {_gufe_key: tk.gufeKey, _scoped_key: tk.scopedKey,
                _org: nw.org, _campaign: nw.campaign, _project: nw.project, _json_props: [],
                __qualname__: 'Task', __module__: 'alchemiscale.storage.models', `:version:`: 1,
                status: tk.status, priority: tk.priority, datetime_created: tk.created})
            CREATE (k)-[:PERFORMS {_org: nw.org, _campaign: nw.campaign, _project: nw.project}]->(t)
            WITH h, k, tk
            CALL {
                WITH h, k, tk
                WITH h, k, tk WHERE tk.status = 'waiting'
                CREATE (h)-[:ACTIONS {weight: 0.5, task: tk.scopedKey}]->(k)
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
    private final ProgressSink counts;

    public V03StoreGenerator(Driver driver, SessionConfig sessionConfig, Consumer<String> progress) {
        this(driver, sessionConfig, progress, ProgressSink.NONE);
    }

    /** @param counts where the networks written are counted, out of the spec's total */
    public V03StoreGenerator(Driver driver, SessionConfig sessionConfig, Consumer<String> progress,
                             ProgressSink counts) {
        this.counts = Objects.requireNonNull(counts, "counts");
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
            counts.start("dev seed: networks", spec.networks());
            for (int from = 0; from < spec.networks(); from += spec.batchSize()) {
                int to = Math.min(spec.networks(), from + spec.batchSize());
                List<Map<String, Object>> batch = batch(spec, from, to);
                SummaryCounters counters = session.executeWrite(tx -> tx.run(BATCH, Map.of("networks", batch, "mapping", MAPPING))
                        .consume().counters());
                nodes += counters.nodesCreated();
                relationships += counters.relationshipsCreated();
                counts.advance(to - from);
            }
            counts.done();
            progress.accept("dev seed: " + spec.networks() + " networks written (" + nodes + " nodes)");
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
            Map<String, Object> nw = keyed("AlchemicalNetwork", "network", i, scope);
            nw.put("org", scope.get(0));
            nw.put("campaign", scope.get(1));
            nw.put("project", scope.get(2));
            nw.put("name", scope.get(2) + "_network_" + i);
            Map<String, Object> hub = keyed("TaskHub", "taskhub", i, scope);
            nw.put("hubKey", hub.get("gufeKey"));
            nw.put("hubScopedKey", hub.get("scopedKey"));
            List<Map<String, Object>> transformations = new ArrayList<>();
            for (int t = 0; t < spec.transformationsPerNetwork(); t++) {
                long tIndex = (long) i * spec.transformationsPerNetwork() + t;
                Map<String, Object> tf = keyed("Transformation", "transformation", tIndex, scope);
                tf.put("index", t);
                tf.put("name", "lig_" + (2 * tIndex) + "_to_lig_" + (2 * tIndex + 1));
                List<Map<String, Object>> tasks = new ArrayList<>();
                for (int k = 0; k < spec.tasksPerTransformation(); k++) {
                    tasks.add(task(tIndex * spec.tasksPerTransformation() + k, scope));
                }
                tf.put("tasks", tasks);
                transformations.add(tf);
            }
            nw.put("transformations", transformations);
            networks.add(nw);
        }
        return networks;
    }

    private static Map<String, Object> task(long index, List<String> scope) {
        String status = STATUSES[(int) (index % STATUSES.length)];
        Map<String, Object> task = keyed("Task", "task", index, scope);
        task.put("status", status);
        task.put("priority", (int) (index % 10) + 1);
        task.put("created", time(index * 37 + 3600));
        if ("running".equals(status)) {
            task.put("claimedBy", registrationId((int) (index % 2)));
            task.put("claimed", time(index * 37 + 86_400));
        } else {
            task.put("claimedBy", null);
        }
        return task;
    }

    /** {@code gufeKey} and {@code scopedKey} of the {@code index}-th object of a class. */
    private static Map<String, Object> keyed(String className, String kind, long index, List<String> scope) {
        Map<String, Object> m = new HashMap<>();
        String gufeKey = className + "-" + token(kind, index);
        m.put("gufeKey", gufeKey);
        m.put("scopedKey", scopedKey(gufeKey, scope));
        return m;
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
