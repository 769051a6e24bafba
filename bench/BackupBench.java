// Benchmark of statestore's online backup against a raw driver loop over the same data.
// Run through bench/backup.sh (it builds the jar and sets the class path); this file is a single-file
// Java program, so nothing here is compiled into statestore itself.
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;
import org.statestore.backup.CreateResult;
import org.statestore.backup.DumpGuard;
import org.statestore.backup.RestoreResult;
import org.statestore.backup.VerifyResult;
import org.statestore.backup.internal.BackupReader;
import org.statestore.backup.internal.BackupRestorer;
import org.statestore.backup.internal.BackupWriter;

public class BackupBench {

    static final int BATCH = 5_000;
    static final List<List<String>> LABEL_SETS = List.of(List.of("Task"), List.of("Transformation", "GufeTokenizable"),
            List.of("ProtocolDAGResultRef"), List.of("Network", "GufeTokenizable"));
    static final List<String> TYPES = List.of("PERFORMS", "DEPENDS_ON", "RESULTS_IN");
    static final ZonedDateTime BASE = ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    static final Map<String, String> results = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        int rels = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]).toAbsolutePath();
        String jar = args[3];
        Files.createDirectories(work);
        System.out.printf("benchmark: %,d nodes, %,d relationships; JVM max heap %d MiB; %d cores; load %s; work dir %s%n",
                nodes, rels, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                loadAverage(), work);

        Path backupDir = work.resolve("backups");
        Path file;
        try (Server a = Server.start(jar, work.resolve("store-a"))) {
            try (Driver driver = a.driver()) {
                timed("raw write (UNWIND batches, ids kept in memory)", nodes + rels, () -> rawWrite(driver, nodes, rels));
                timed("raw read (one read transaction, values decoded)", nodes + rels, () -> rawRead(driver));
                String version = driver.session().run("CALL dbms.components() YIELD versions RETURN versions[0]")
                        .single().get(0).asString();
                BackupWriter writer = new BackupWriter(driver, "neo4j", version, "bench", BackupBench::log,
                        Clock.systemUTC());
                CreateResult[] created = new CreateResult[1];
                timed("backup create", nodes + rels, () -> created[0] = writer.create(backupDir));
                file = ((CreateResult.Created) created[0]).file();
                results.put("backup file size", String.format("%,d bytes", Files.size(file)));
            }
        }
        VerifyResult[] verified = new VerifyResult[1];
        timed("backup verify (file only)", nodes + rels, () -> verified[0] = new BackupReader().verify(file));
        if (!(verified[0] instanceof VerifyResult.Valid valid)) {
            throw new IllegalStateException("verify failed: " + verified[0]);
        }
        try (Server b = Server.start(jar, work.resolve("store-b")); Driver driver = b.driver()) {
            RestoreResult[] restored = new RestoreResult[1];
            timed("backup restore (write, schema, read-back check)", nodes + rels, () -> restored[0] =
                    new BackupRestorer(driver, "neo4j", BackupBench::log).restore(valid, false, DumpGuard.NONE));
            if (!(restored[0] instanceof RestoreResult.Restored)) {
                throw new IllegalStateException("restore failed: " + restored[0]);
            }
        }
        System.out.println();
        System.out.println("| phase | time | entities/s | max heap after full GC | peak heap sampled | load average after (1/5/15 min) |");
        System.out.println("|---|---|---|---|---|---|");
        results.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
        deleteTree(work.resolve("store-a"));
        deleteTree(work.resolve("store-b"));
    }

    static void log(String line) {
        System.out.println("  " + line);
    }

    interface Phase {
        void run() throws Exception;
    }

    static void timed(String name, long entities, Phase phase) throws Exception {
        System.gc();
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long t0 = System.nanoTime();
        phase.run();
        double s = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        sampler.join();
        long afterGc = sampler.peakAfterGc.get();
        String row = String.format("%.1f s | %,.0f | %s | %d MiB | %s", s, entities / s,
                afterGc == 0 ? "no full GC" : (afterGc >> 20) + " MiB", sampler.peak.get() >> 20, loadAverage());
        results.put(name, row);
        System.out.println(name + ": " + row.replace(" | ", ", "));
    }

    /** The machine's load: benchmarks on a shared machine are only comparable under similar load. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /**
     * Samples used heap every 5 ms (a peak that includes garbage not yet collected) and records the heap
     * left after each full garbage collection (what the program really holds at that moment).
     */
    static final class HeapSampler extends Thread {
        final AtomicLong peak = new AtomicLong();
        final AtomicLong peakAfterGc = new AtomicLong();
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        final List<Runnable> unsubscribe = new ArrayList<>();
        static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .map(java.lang.management.MemoryPoolMXBean::getName).collect(java.util.stream.Collectors.toSet());

        HeapSampler() {
            setDaemon(true);
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter emitter) {
                    javax.management.NotificationListener listener = (n, handback) -> {
                        if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                                .equals(n.getType())) {
                            return;
                        }
                        var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                (javax.management.openmbean.CompositeData) n.getUserData());
                        if (!info.getGcAction().contains("major")) {
                            return; // after a minor GC the old generation still holds promoted garbage
                        }
                        long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(e -> HEAP_POOLS.contains(e.getKey()))
                                .mapToLong(e -> e.getValue().getUsed()).sum();
                        peakAfterGc.accumulateAndGet(after, Math::max);
                    };
                    emitter.addNotificationListener(listener, null, null);
                    unsubscribe.add(() -> {
                        try {
                            emitter.removeNotificationListener(listener);
                        } catch (javax.management.ListenerNotFoundException e) {
                            // already gone
                        }
                    });
                }
            }
        }

        @Override
        public void interrupt() {
            unsubscribe.forEach(Runnable::run);
            super.interrupt();
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static Map<String, Object> nodeProps(int i) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("_gufe_key", "Task-" + Long.toHexString(i * 2654435761L) + Long.toHexString(~i * 40503L));
        p.put("name", "node " + i);
        p.put("n", (long) i);
        p.put("score", i * 0.001);
        p.put("created", BASE.plusSeconds(i));
        p.put("tags", List.of("t" + (i % 10), "x"));
        return p;
    }

    static void rawWrite(Driver driver, int nodes, int rels) {
        long[] ids = new long[nodes];
        SessionConfig config = SessionConfig.builder().withDatabase("neo4j").withFetchSize(BATCH).build();
        for (int from = 0; from < nodes; from += BATCH) {
            int to = Math.min(nodes, from + BATCH);
            Map<List<String>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
            for (int i = from; i < to; i++) {
                groups.computeIfAbsent(LABEL_SETS.get(i % LABEL_SETS.size()), k -> new ArrayList<>())
                        .add(Map.of("i", (long) i, "p", nodeProps(i)));
            }
            try (Session s = driver.session(config)) {
                s.executeWriteWithoutResult(tx -> groups.forEach((labels, rows) -> {
                    String q = "UNWIND $rows AS row CREATE (n:" + String.join(":", labels)
                            + ") SET n = row.p RETURN row.i AS i, id(n) AS id";
                    Result r = tx.run(q, Map.of("rows", rows));
                    while (r.hasNext()) {
                        Record rec = r.next();
                        ids[(int) rec.get(0).asLong()] = rec.get(1).asLong();
                    }
                }));
            }
        }
        for (int from = 0; from < rels; from += BATCH) {
            int to = Math.min(rels, from + BATCH);
            Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
            for (int k = from; k < to; k++) {
                int i = k % nodes;
                int j = k < nodes ? (int) ((i * 7L + 1) % nodes) : (i + 1) % nodes;
                groups.computeIfAbsent(TYPES.get(k % TYPES.size()), t -> new ArrayList<>())
                        .add(Map.of("s", ids[i], "e", ids[j], "p", Map.of("w", k * 0.5)));
            }
            try (Session s = driver.session(config)) {
                s.executeWriteWithoutResult(tx -> groups.forEach((type, rows) -> tx.run(
                        "UNWIND $rows AS row MATCH (a) WHERE id(a) = row.s MATCH (b) WHERE id(b) = row.e "
                                + "CREATE (a)-[r:" + type + "]->(b) SET r = row.p", Map.of("rows", rows)).consume()));
            }
        }
        try (Session s = driver.session(config)) {
            s.run("CREATE CONSTRAINT task_key IF NOT EXISTS FOR (t:Task) REQUIRE t._gufe_key IS UNIQUE").consume();
            s.run("CREATE INDEX network_name IF NOT EXISTS FOR (n:Network) ON (n.name)").consume();
            s.run("CALL db.awaitIndexes(3600)").consume();
        }
    }

    static void rawRead(Driver driver) {
        SessionConfig config = SessionConfig.builder().withDatabase("neo4j").withDefaultAccessMode(AccessMode.READ)
                .withFetchSize(BATCH).build();
        long sink = 0;
        try (Session s = driver.session(config); Transaction tx = s.beginTransaction()) {
            Result n = tx.run("MATCH (n) RETURN id(n) AS id, labels(n) AS labels, properties(n) AS props");
            while (n.hasNext()) {
                Record r = n.next();
                sink += r.get(0).asLong() + r.get(1).asList(Value::asString).size();
                Value p = r.get(2);
                for (String k : p.keys()) {
                    sink += p.get(k).asObject().hashCode();
                }
            }
            Result rs = tx.run("MATCH (a)-[r]->(b) RETURN id(a) AS start, id(b) AS end, type(r) AS type, "
                    + "properties(r) AS props");
            while (rs.hasNext()) {
                Record r = rs.next();
                sink += r.get(0).asLong() + r.get(1).asLong() + r.get(2).asString().length();
                Value p = r.get(3);
                for (String k : p.keys()) {
                    sink += p.get(k).asObject().hashCode();
                }
            }
        }
        if (sink == 42) {
            System.out.println("(unlikely)");
        }
    }

    /** A `statestore server` in its own JVM, so the benchmark's heap holds only the client side. */
    static final class Server implements AutoCloseable {
        final Process process;
        final int port;

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Server start(String jar, Path dataDir) throws IOException, InterruptedException {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            String heap = System.getProperty("bench.serverHeap", "2g");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-XX:+UseSerialGC", "-jar", jar, "server", "--data-dir", dataDir.toString(),
                    "--bolt-port", Integer.toString(port), "--page-cache", System.getProperty("bench.pageCacheMiB", "1024"))
                    .redirectErrorStream(true).redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile())
                    .start();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    Thread.sleep(500);
                    return new Server(p, port);
                } catch (IOException e) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("server exited with " + p.exitValue());
                    }
                    Thread.sleep(200);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("server did not open its port");
        }

        Driver driver() {
            return GraphDatabase.driver("bolt://127.0.0.1:" + port, AuthTokens.none(),
                    Config.builder().withLogging(Logging.none()).build());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
