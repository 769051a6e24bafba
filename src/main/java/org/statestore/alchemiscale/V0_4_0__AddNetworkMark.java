package org.statestore.alchemiscale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.statestore.migrate.JavaMigration;
import org.statestore.migrate.MigrationContext;
import org.statestore.progress.ProgressSink;

/**
 * alchemiscale's v0.3 to v0.4 migration: every AlchemicalNetwork without a NetworkMark gets one, in state
 * {@code active}, exactly as alchemiscale v0.4 writes it (from v0.4 the API only sees networks through
 * their mark, so an unmarked network is invisible).
 *
 * <p>alchemiscale's own script marks every network in one transaction. This unit streams the unmarked
 * networks once (element id and scoped key only), computes each mark's md5-derived key in Java
 * (Cypher 5 has no md5), and writes {@link #batchSize()} marks per transaction with one UNWIND. Memory stays
 * flat however many networks there are, each batch commits on its own (and advances the context's progress
 * counts, whose total is the count store's estimate of unmarked networks), and a rerun after a crash picks
 * up only the networks still unmarked. The write re-checks "no mark yet" per network, and a mark's
 * {@code _scoped_key} is derived from its network, so no network ever gets two.
 *
 * <p>Batch size: system property {@value #BATCH_PROPERTY}, else environment variable {@value #BATCH_ENV},
 * else {@value #DEFAULT_BATCH}. It does not change the unit's checksum.
 */
public final class V0_4_0__AddNetworkMark implements JavaMigration {

    public static final int DEFAULT_BATCH = 10_000;
    public static final String BATCH_PROPERTY = "statestore.networkmark.batch";
    public static final String BATCH_ENV = "STATESTORE_NETWORKMARK_BATCH";
    private static final int MAX_BATCH = 1_000_000;

    private static final String UNMARKED = """
            MATCH (n:AlchemicalNetwork)
            WHERE NOT EXISTS { (n)<-[:MARKS]-(:NetworkMark) }
            RETURN elementId(n) AS id, n._scoped_key AS target""";

    // Both counts come from Neo4j's count store (constant time): networks minus MARKS relationships is
    // exact while every mark is a NetworkMark on one network, which is how alchemiscale writes them.
    private static final String ESTIMATE_UNMARKED = """
            CALL { MATCH (n:AlchemicalNetwork) RETURN count(n) AS networks }
            CALL { MATCH ()-[r:MARKS]->() RETURN count(r) AS marks }
            RETURN networks - marks AS unmarked""";

    // Only the element id, the target (to detect a reused id) and the md5-derived key travel; the scope is
    // read from the network itself. MERGE rather than CREATE: a mark node left without its relationship
    // (by hand, or by another tool) is reused instead of violating the scoped_key constraint, and its
    // properties are written again, state 'active' included, as alchemiscale's own script overwrites them.
    static final String MARK = """
            UNWIND $rows AS row
            MATCH (n:AlchemicalNetwork)
            WHERE elementId(n) = row.id AND n._scoped_key = row.target
              AND n._org IS NOT NULL AND n._campaign IS NOT NULL AND n._project IS NOT NULL
              AND NOT EXISTS { (n)<-[:MARKS]-(:NetworkMark) }
            MERGE (m:GufeTokenizable:NetworkMark
                   {_scoped_key: row.gufeKey + '-' + n._org + '-' + n._campaign + '-' + n._project})
            SET m.target = n._scoped_key, m.state = 'active', m.__qualname__ = 'NetworkMark',
                m.__module__ = 'alchemiscale.storage.models', m.`:version:` = 1, m._json_props = [],
                m._gufe_key = row.gufeKey, m._org = n._org, m._campaign = n._campaign, m._project = n._project
            CREATE (m)-[:MARKS {_org: n._org, _campaign: n._campaign, _project: n._project}]->(n)
            RETURN count(*) AS marked""";

    private final int batchSize;
    private final Optional<String> configurationProblem;

    /** The ServiceLoader constructor: batch size from {@value #BATCH_PROPERTY} or {@value #BATCH_ENV}. */
    public V0_4_0__AddNetworkMark() {
        this(Optional.ofNullable(System.getProperty(BATCH_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(BATCH_ENV))));
    }

    /** A unit writing {@code batchSize} marks per transaction. */
    public V0_4_0__AddNetworkMark(int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be 1-" + MAX_BATCH + ", was " + batchSize);
        }
        this.batchSize = batchSize;
        this.configurationProblem = Optional.empty();
    }

    private V0_4_0__AddNetworkMark(Optional<String> configured) {
        int size = DEFAULT_BATCH;
        String problem = null;
        if (configured.isPresent() && !configured.get().isBlank()) {
            try {
                size = Integer.parseInt(configured.get().strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_BATCH) {
                // A typo must not fail the unit: its failed record would block every later run.
                problem = "ignoring batch size '" + configured.get() + "' (" + BATCH_ENV + " / -D" + BATCH_PROPERTY
                        + " must be a whole number 1-" + MAX_BATCH + "); using " + DEFAULT_BATCH;
                size = DEFAULT_BATCH;
            }
        }
        this.batchSize = size;
        this.configurationProblem = Optional.ofNullable(problem);
    }

    public int batchSize() {
        return batchSize;
    }

    @Override
    public void apply(MigrationContext context) {
        Consumer<String> progress = context.progress();
        ProgressSink counts = context.counts();
        configurationProblem.ifPresent(p -> progress.accept("warning: NetworkMark: " + p));
        long expected;
        try (Session session = context.session()) {
            expected = Math.max(0, session.run(ESTIMATE_UNMARKED).single().get("unmarked").asLong());
        }
        progress.accept("NetworkMark: " + expected + " networks without a mark; " + batchSize + " per transaction");
        long started = System.nanoTime();
        Tally tally = new Tally();
        counts.start("NetworkMark", expected);
        // One read streams the unmarked networks (the driver pulls batchSize records at a time); a second
        // session commits each batch. Networks this run marks are never read again.
        SessionConfig streaming = SessionConfig.builder().withDatabase(context.database()).withFetchSize(batchSize)
                .build();
        try (Session reader = context.driver().session(streaming); Session writer = context.session()) {
            Result networks = reader.run(UNMARKED);
            List<Map<String, Object>> rows = new ArrayList<>(batchSize);
            long read = 0;
            while (networks.hasNext()) {
                read++;
                row(networks.next()).ifPresentOrElse(rows::add, () -> tally.skipped++);
                if (rows.size() == batchSize || !networks.hasNext() && !rows.isEmpty()) {
                    long marked = write(writer, rows);
                    tally.batches++;
                    tally.marked += marked;
                    tally.skipped += rows.size() - marked;
                    counts.advance(read); // each network read is done: marked, or left alone and reported below
                    read = 0;
                    rows = new ArrayList<>(batchSize);
                }
            }
            counts.advance(read);
        }
        counts.done();
        if (tally.batches == 0) {
            progress.accept("NetworkMark: every network already has a mark");
        } else {
            progress.accept(summary(tally, started));
        }
        if (tally.skipped > 0) {
            progress.accept("warning: NetworkMark: " + tally.skipped + " networks left without a mark: no _scoped_key, "
                    + "_org, _campaign or _project (alchemiscale cannot address them either), or marked meanwhile");
        }
    }

    /** Counts of one run. */
    private static final class Tally {
        int batches;
        long marked;
        long skipped;
    }

    private static String summary(Tally tally, long started) {
        long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        return "NetworkMark: " + tally.marked + " networks marked in " + tally.batches + " transactions, "
                + ms + " ms (" + (tally.marked * 1000 / ms) + "/s)";
    }

    private static long write(Session writer, List<Map<String, Object>> rows) {
        Map<String, Object> parameters = Map.of("rows", rows);
        return writer.executeWrite(tx -> tx.run(MARK, parameters).single().get("marked").asLong());
    }

    /** The write parameters for one network, or empty when it has no scoped key to derive a mark from. */
    static Optional<Map<String, Object>> row(Record r) {
        String target = text(r.get("target"));
        if (target == null) {
            return Optional.empty();
        }
        return Optional.of(Map.of("id", r.get("id").asString(), "target", target,
                "gufeKey", NetworkMarkKey.gufeKey(target)));
    }

    private static String text(Value v) {
        return v.asObject() instanceof String s ? s : null;
    }
}
