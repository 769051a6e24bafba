package org.statestore.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.neo4j.driver.Session;
import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.alchemiscale.AlchemiscaleShape;
import org.statestore.alchemiscale.StoreSurvey;
import org.statestore.migrate.Baseline;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.Neo4jAdmin;

/**
 * {@code statestore upgrade check}: what an upgrade of a dump would find and do, worked out on a copy in a
 * temporary directory that is deleted afterwards. Nothing is written anywhere else.
 */
public final class UpgradeCheck {

    /**
     * What the dump holds.
     *
     * @param storeFormat      the dump's store format and the Neo4j version that introduced it
     * @param btreeIndexes     BTREE indexes the store-format migration turns into RANGE (4.4 had no RANGE indexes)
     * @param shape            the alchemiscale shape found: empty, v0.3 or v0.4+
     * @param networks         AlchemicalNetwork nodes
     * @param unmarkedNetworks networks without a NetworkMark (what 0.4.0 will mark)
     * @param localDateTimes   LocalDateTime values per property that 0.7.0 will convert
     * @param identities       credentialed identities
     * @param nextCommand      the command that performs the upgrade
     */
    public record Report(String storeFormat, String introducedIn, long btreeIndexes, String shape, long networks,
                         long unmarkedNetworks, Map<String, Long> localDateTimes, long identities, String nextCommand) {
    }

    private static final Map<String, String> TIME_PROPERTIES = timeProperties();

    private final Consumer<String> log;

    public UpgradeCheck(Consumer<String> log) {
        this.log = log;
    }

    public Report run(Path dump) {
        DumpFile.check(dump);
        Path home;
        try {
            home = Files.createTempDirectory("statestore-upgrade-check-");
        } catch (IOException e) {
            throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "prepare", e.getMessage());
        }
        try {
            LegacyStore store = new LegacyStore(home);
            store.load(dump);
            LegacyStore.Format format = store.format();
            if (format.isNeo4j5OrLater()) {
                throw new UpgradeFailure(UpgradeFailure.Kind.REFUSED, "inspect store", "the dump is already a Neo4j 5 "
                        + "store (format " + format.version() + "): no store upgrade is needed; load it and run "
                        + "'statestore migrate up'");
            }
            store.migrateFormat();
            StatestoreConfig config = StatestoreConfig.builder().bundledUnits(false)
                    .connection(ConnectionSettings.embedded(home)).log(log).build();
            try (Statestore opened = Statestore.open(config); Session session = opened.target().session()) {
                StoreSurvey survey = StoreSurvey.of(session);
                String shape = AlchemiscaleShape.decide(survey).map(Baseline::description)
                        .orElse(survey.hasData() ? "unrecognised data" : "empty");
                long range = count(session, "SHOW INDEXES YIELD type WHERE type = 'RANGE' RETURN count(*)");
                Map<String, Long> times = new LinkedHashMap<>();
                TIME_PROPERTIES.forEach((name, query) -> times.put(name, count(session, query)));
                long identities = count(session, "MATCH (n:CredentialedEntity) RETURN count(n)");
                return new Report(format.version(), format.introducedIn(), range, shape, survey.networks(),
                        survey.unmarkedNetworks(), times, identities,
                        "statestore upgrade store --from-dump " + dump + " --data-dir <new store directory>");
            }
        } finally {
            Neo4jAdmin.deleteTree(home);
        }
    }

    private static long count(Session session, String cypher) {
        return session.run(cypher).single().get(0).asLong();
    }

    private static Map<String, String> timeProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ComputeServiceRegistration.heartbeat", "MATCH (c:ComputeServiceRegistration) "
                + "WHERE c.heartbeat IS :: LOCAL DATETIME NOT NULL RETURN count(c)");
        m.put("ComputeServiceRegistration.registered", "MATCH (c:ComputeServiceRegistration) "
                + "WHERE c.registered IS :: LOCAL DATETIME NOT NULL RETURN count(c)");
        m.put("CLAIMS.claimed", "MATCH ()-[r:CLAIMS]->() WHERE r.claimed IS :: LOCAL DATETIME NOT NULL RETURN count(r)");
        m.put("Task.datetime_created", "MATCH (t:Task) WHERE t.datetime_created IS :: LOCAL DATETIME NOT NULL "
                + "RETURN count(t)");
        return m;
    }
}
