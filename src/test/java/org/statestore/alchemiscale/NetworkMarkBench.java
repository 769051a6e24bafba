package org.statestore.alchemiscale;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.statestore.migrate.MigrationContext;
import org.statestore.neo4j.Secret;
import org.statestore.neo4j.internal.EmbeddedServer;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The NetworkMark benchmark behind {@code bench/networkmark.sh} (not a test). Each invocation is one JVM
 * doing one thing against an embedded store directory, so every scenario's heap is measured on its own:
 *
 * <pre>
 *   seed DIR N [TRANSFORMATIONS TASKS]   write a v0.3 store of N networks into DIR
 *   run SCENARIO DIR N [BATCH]           mark every network of DIR's store, print one result line
 * </pre>
 *
 * Scenarios: {@code statestore} (the V0_4_0 unit as shipped), {@code cypher} (hand-written
 * {@code CALL { } IN TRANSACTIONS}, md5 precomputed outside the timing) and {@code upstream} (alchemiscale's
 * pattern: every network in one transaction). The embedded server runs in the same JVM, so the heap
 * figures include the server's transaction state, which is where a single huge transaction costs most.
 */
public final class NetworkMarkBench {

    private static final long PAGE_CACHE = 512L * 1024 * 1024;

    private static final String UNMARKED = """
            MATCH (n:AlchemicalNetwork)
            WHERE NOT EXISTS { (n)<-[:MARKS]-(:NetworkMark) }
            RETURN elementId(n) AS id, n._scoped_key AS target""";

    // (a) The practical limit: the same writes in server-side Cypher. Cypher 5 has no md5, so the mark's
    // gufe key is precomputed (outside the timing) into a temporary network property.
    private static final String PRECOMPUTE = """
            UNWIND $rows AS row
            MATCH (n) WHERE elementId(n) = row.id
            SET n.__bench_mark_key = row.gufeKey""";

    private static final String CYPHER = """
            MATCH (n:AlchemicalNetwork)
            WHERE NOT EXISTS { (n)<-[:MARKS]-(:NetworkMark) }
            CALL {
                WITH n
                CREATE (m:GufeTokenizable:NetworkMark {target: n._scoped_key, state: 'active',
                    __qualname__: 'NetworkMark', __module__: 'alchemiscale.storage.models', `:version:`: 1,
                    _json_props: [], _gufe_key: n.__bench_mark_key,
                    _scoped_key: n.__bench_mark_key + '-' + n._org + '-' + n._campaign + '-' + n._project,
                    _org: n._org, _campaign: n._campaign, _project: n._project})
                CREATE (m)-[:MARKS {_org: n._org, _campaign: n._campaign, _project: n._project}]->(n)
            } IN TRANSACTIONS OF $batch ROWS""";

    private NetworkMarkBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: seed DIR N [TRANSFORMATIONS TASKS] | run SCENARIO DIR N [BATCH]");
            System.exit(2);
        }
        if ("seed".equals(args[0])) {
            int transformations = args.length > 3 ? Integer.parseInt(args[3]) : SeedSpec.DEFAULT_TRANSFORMATIONS;
            int tasks = args.length > 4 ? Integer.parseInt(args[4]) : SeedSpec.DEFAULT_TASKS;
            seed(Path.of(args[1]), Integer.parseInt(args[2]), transformations, tasks);
        } else {
            int batch = args.length > 4 ? Integer.parseInt(args[4]) : V0_4_0__AddNetworkMark.DEFAULT_BATCH;
            run(args[1], Path.of(args[2]), Integer.parseInt(args[3]), batch);
        }
        System.exit(0);
    }

    private static void seed(Path dir, int networks, int transformations, int tasks) {
        try (EmbeddedServer server = start(dir); Driver driver = driver(server)) {
            SeedResult result = new V03StoreGenerator(driver, SessionConfig.forDatabase("neo4j"), line -> { })
                    .seed(new SeedSpec(networks, transformations, tasks, SeedSpec.DEFAULT_BATCH));
            System.out.println("seed " + result);
        }
    }

    private static void run(String scenario, Path dir, int networks, int batch) throws Exception {
        try (EmbeddedServer server = start(dir); Driver driver = driver(server)) {
            // Every scenario does the same untimed preparation, which (a) needs and which warms the server,
            // the driver and the JIT equally for all three.
            precompute(driver, batch);
            HeapWatch heap = HeapWatch.start();
            long started = System.nanoTime();
            switch (scenario) {
                case "statestore" -> new V0_4_0__AddNetworkMark(batch).apply(
                        new MigrationContext(driver, "neo4j", line -> { }));
                case "cypher" -> {
                    try (Session s = driver.session()) {
                        s.run(CYPHER, Map.of("batch", batch)).consume();
                    }
                }
                case "upstream" -> upstream(driver);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            heap.stop();
            String check = verify(driver, networks);
            System.out.printf(Locale.ROOT, "RESULT scenario=%s networks=%d batch=%d ms=%d perSecond=%d "
                            + "baselineMiB=%d peakLiveMiB=%d fullGcs=%d peakUsedMiB=%d maxHeapMiB=%d check=%s%n",
                    scenario, networks, batch, ms, networks * 1000L / Math.max(1, ms), heap.baseline >> 20,
                    heap.live() >> 20, heap.majors.get(), heap.peakUsed() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                    check);
        }
    }

    /**
     * Untimed preparation: each network's mark gufe key, computed in Java, stored on the network ((a) reads it;
     * the others ignore it).
     */
    private static void precompute(Driver driver, int batch) {
        SessionConfig fetch = SessionConfig.builder().withDatabase("neo4j").withFetchSize(batch).build();
        try (Session reader = driver.session(fetch); Session writer = driver.session()) {
            Result r = reader.run(UNMARKED);
            List<Map<String, Object>> rows = new ArrayList<>();
            while (r.hasNext()) {
                rows.add(V0_4_0__AddNetworkMark.row(r.next()).orElseThrow());
                if (rows.size() == batch || !r.hasNext()) {
                    List<Map<String, Object>> page = rows;
                    writer.executeWriteWithoutResult(tx -> tx.run(PRECOMPUTE, Map.of("rows", page)).consume());
                    rows = new ArrayList<>();
                }
            }
        }
    }

    /** (b) alchemiscale's pattern: read every unmarked network, then create every mark, in one transaction. */
    private static void upstream(Driver driver) {
        try (Session s = driver.session()) {
            s.executeWriteWithoutResult(tx -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Record r : tx.run(UNMARKED).list()) {
                    rows.add(V0_4_0__AddNetworkMark.row(r).orElseThrow());
                }
                // The unit's own write statement, so only the transaction shape differs.
                tx.run(V0_4_0__AddNetworkMark.MARK, Map.of("rows", rows)).consume();
            });
        }
    }

    /** Every network has exactly one mark, and the marks' keys follow alchemiscale's formula. */
    private static String verify(Driver driver, int networks) {
        try (Session s = driver.session()) {
            long marked = s.run("MATCH (n:AlchemicalNetwork) WHERE COUNT { (n)<-[:MARKS]-(:NetworkMark) } = 1 "
                    + "RETURN count(n) AS c").single().get("c").asLong();
            long wrong = 0;
            Result sample = s.run("MATCH (m:NetworkMark)-[:MARKS]->(n) RETURN m._gufe_key AS g, m._scoped_key AS s, "
                    + "n._scoped_key AS t, n._org + '-' + n._campaign + '-' + n._project AS scope LIMIT 10000");
            while (sample.hasNext()) {
                Record r = sample.next();
                String g = "NetworkMark-" + NetworkMarkKey.md5Hex(r.get("t").asString());
                if (!g.equals(r.get("g").asString()) || !(g + "-" + r.get("scope").asString()).equals(r.get("s").asString())) {
                    wrong++;
                }
            }
            return marked == networks && wrong == 0 ? "ok" : "FAILED(marked=" + marked + ",wrongKeys=" + wrong + ")";
        }
    }

    private static EmbeddedServer start(Path dir) {
        return EmbeddedServer.start(new EmbeddedServer.Options(dir, "127.0.0.1", 0, Secret.of(""), PAGE_CACHE));
    }

    private static Driver driver(EmbeddedServer server) {
        return GraphDatabase.driver(server.boltUrl(), AuthTokens.none(),
                Config.builder().withLogging(Logging.none()).build());
    }

    /**
     * Heap use while a scenario runs: the largest heap left after a full collection (the live set: what the
     * scenario really needs; after young collections only when no full one ran, an upper bound) and the sum
     * of the heap pools' peaks (including garbage, bounded by -Xmx).
     */
    private static final class HeapWatch {

        final long baseline;
        final AtomicLong peakLive = new AtomicLong();
        final AtomicLong peakAfterMinor = new AtomicLong();
        final AtomicLong majors = new AtomicLong();
        private final List<Runnable> unsubscribe = new ArrayList<>();
        private final Map<String, Long> poolPeaks = new HashMap<>();

        private HeapWatch(long baseline) {
            this.baseline = baseline;
            peakLive.set(baseline);
        }

        static HeapWatch start() {
            System.gc();
            HeapWatch w = new HeapWatch(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                NotificationEmitter emitter = (NotificationEmitter) gc;
                javax.management.NotificationListener listener = (n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        long after = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                .mapToLong(MemoryUsage::getUsed).sum();
                        // Non-heap pools (metaspace, code cache) are in the map too; subtract them.
                        long nonHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                                .filter(p -> p.getType() == MemoryType.NON_HEAP)
                                .mapToLong(p -> info.getGcInfo().getMemoryUsageAfterGc().containsKey(p.getName())
                                        ? info.getGcInfo().getMemoryUsageAfterGc().get(p.getName()).getUsed() : 0)
                                .sum();
                        boolean major = info.getGcAction().contains("major");
                        (major ? w.peakLive : w.peakAfterMinor).accumulateAndGet(after - nonHeap, Math::max);
                        if (major) {
                            w.majors.incrementAndGet();
                        }
                    }
                };
                emitter.addNotificationListener(listener, null, null);
                w.unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
            return w;
        }

        void stop() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    poolPeaks.put(pool.getName(), pool.getPeakUsage().getUsed());
                }
            }
            unsubscribe.forEach(Runnable::run);
        }

        long live() {
            return majors.get() > 0 ? peakLive.get() : Math.max(peakLive.get(), peakAfterMinor.get());
        }

        long peakUsed() {
            return poolPeaks.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
