package org.statestore.alchemiscale;

import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * alchemiscale's v0.3 to v0.4 migration: every AlchemicalNetwork without a NetworkMark gets one, in state
 * {@code active}, exactly as alchemiscale v0.4 writes it (from v0.4 the API only sees networks through
 * their mark, so an unmarked network is invisible).
 *
 * <p>alchemiscale's own script marks every network in one transaction. This unit streams the unmarked
 * networks once (element id, scoped key and scope only), computes each mark's md5-derived key in Java
 * (Cypher 5 has no md5), and writes {@link #batchSize()} marks per transaction with one UNWIND. Memory stays
 * flat however many networks there are, each batch commits on its own, and a rerun after a crash picks
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
            RETURN elementId(n) AS id, n._scoped_key AS target, n._org AS org, n._campaign AS campaign,
                   n._project AS project""";

    private static final String COUNT_UNMARKED = """
            MATCH (n:AlchemicalNetwork)
            WHERE NOT EXISTS { (n)<-[:MARKS]-(:NetworkMark) }
            RETURN count(n) AS unmarked""";

    // MERGE rather than CREATE: a mark node left without its relationship (by hand, or by another tool)
    // is reused instead of violating the scoped_key constraint.
    private static final String MARK = """
            UNWIND $rows AS row
            MATCH (n:AlchemicalNetwork)
            WHERE elementId(n) = row.id AND n._scoped_key = row.target
              AND NOT EXISTS { (n)<-[:MARKS]-(:NetworkMark) }
            MERGE (m:GufeTokenizable:NetworkMark {_scoped_key: row.scopedKey})
            ON CREATE SET m.target = row.target, m.state = 'active', m.__qualname__ = 'NetworkMark',
                          m.__module__ = 'alchemiscale.storage.models', m.`:version:` = 1, m._json_props = [],
                          m._gufe_key = row.gufeKey, m._org = row.org, m._campaign = row.campaign,
                          m._project = row.project
            CREATE (m)-[:MARKS {_org: row.org, _campaign: row.campaign, _project: row.project}]->(n)
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
        configurationProblem.ifPresent(p -> progress.accept("NetworkMark: " + p));
        long unmarked;
        try (Session session = context.session()) {
            unmarked = session.run(COUNT_UNMARKED).single().get("unmarked").asLong();
        }
        if (unmarked == 0) {
            progress.accept("NetworkMark: every network already has a mark");
            return;
        }
        progress.accept("NetworkMark: " + unmarked + " networks without a mark; " + batchSize + " per transaction");
        long started = System.nanoTime();
        long marked = 0;
        long skipped = 0;
        int batches = 0;
        // One read streams the unmarked networks (the driver pulls batchSize records at a time); a second
        // session commits each batch. Networks this run marks are never read again.
        SessionConfig streaming = SessionConfig.builder().withDatabase(context.database()).withFetchSize(batchSize)
                .build();
        try (Session reader = context.driver().session(streaming); Session writer = context.session()) {
            Result networks = reader.run(UNMARKED);
            List<Map<String, Object>> rows = new ArrayList<>(batchSize);
            while (networks.hasNext()) {
                Optional<Map<String, Object>> row = row(networks.next());
                if (row.isEmpty()) {
                    skipped++;
                    continue;
                }
                rows.add(row.get());
                if (rows.size() == batchSize) {
                    marked += write(writer, rows);
                    batches++;
                    progress.accept(line(batches, marked, unmarked, started));
                    rows = new ArrayList<>(batchSize);
                }
            }
            if (!rows.isEmpty()) {
                marked += write(writer, rows);
                batches++;
                progress.accept(line(batches, marked, unmarked, started));
            }
        }
        if (skipped > 0) {
            progress.accept("NetworkMark: " + skipped + " networks have no _scoped_key, _org, _campaign or _project "
                    + "and were left without a mark (alchemiscale cannot address them either)");
        }
    }

    private static String line(int batches, long marked, long unmarked, long started) {
        long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        return "NetworkMark: batch " + batches + " committed, " + marked + " of " + unmarked + " networks marked ("
                + (marked * 1000 / ms) + "/s)";
    }

    private static long write(Session writer, List<Map<String, Object>> rows) {
        Map<String, Object> parameters = Map.of("rows", rows);
        return writer.executeWrite(tx -> tx.run(MARK, parameters).single().get("marked").asLong());
    }

    /** The write parameters for one network, or empty when it lacks what a mark is derived from. */
    static Optional<Map<String, Object>> row(Record r) {
        String target = text(r.get("target"));
        String org = text(r.get("org"));
        String campaign = text(r.get("campaign"));
        String project = text(r.get("project"));
        if (target == null || org == null || campaign == null || project == null) {
            return Optional.empty();
        }
        NetworkMarkKey key = NetworkMarkKey.of(target, org, campaign, project);
        Map<String, Object> row = new HashMap<>(8);
        row.put("id", r.get("id").asString());
        row.put("target", target);
        row.put("gufeKey", key.gufeKey());
        row.put("scopedKey", key.scopedKey());
        row.put("org", org);
        row.put("campaign", campaign);
        row.put("project", project);
        return Optional.of(row);
    }

    private static String text(Value v) {
        return v.asObject() instanceof String s ? s : null;
    }
}
