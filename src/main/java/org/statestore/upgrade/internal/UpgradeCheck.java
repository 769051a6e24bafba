package org.statestore.upgrade.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.alchemiscale.StoreSurvey;
import org.statestore.alchemiscale.UpgradeSurvey;
import org.statestore.alchemiscale.internal.AlchemiscaleShape;
import org.statestore.migrate.Baseline;
import org.statestore.migrate.Version;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.internal.EmbeddedServer;
import org.statestore.neo4j.internal.Neo4jAdmin;

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
     * @param localDateTimes   LocalDateTime values per property (0.7.0 converts them to UTC DateTime)
     * @param convertsTimes    whether the upgrade to {@code target} converts them (it stops before 0.7.0 otherwise)
     * @param withoutFailureTimes compute service registrations without {@code failure_times} (0.7.1 adds {@code []})
     * @param addsFailureTimes whether the upgrade to {@code target} adds them
     * @param identities       credentialed identities
     * @param target           the target the upgrade would stop at; empty for the newest bundled unit
     * @param ways             the commands that perform the upgrade, one per kind of Neo4j the store is for
     */
    public record Report(String storeFormat, String introducedIn, long btreeIndexes, String shape, long networks,
                         long unmarkedNetworks, Map<String, Long> localDateTimes, boolean convertsTimes,
                         long withoutFailureTimes, boolean addsFailureTimes, long identities, Optional<Version> target,
                         Ways ways) {

        /** The command that performs the upgrade into a data directory, as {@code next} has always named it. */
        public String nextCommand() {
            return ways.dataDir();
        }
    }

    /**
     * The way to each kind of Neo4j 5 the upgraded store can go to.
     *
     * @param into        into a running, empty server of any 5.x or calendar version
     * @param dataDir     into a data directory the embedded Neo4j serves ({@code statestore server --data-dir})
     * @param toDump      to a dump for {@code neo4j-admin database load}, which only {@code dumpLoader} or newer takes
     * @param dumpLoader  the oldest Neo4j release line that loads a dump the embedded Neo4j writes ({@code 5.26})
     */
    public record Ways(String into, String dataDir, String toDump, String dumpLoader) {

        /** The three commands for {@code dump}, ending on {@code --target} when one was given. */
        public static Ways of(Path dump, Optional<Version> target, String embeddedNeo4j) {
            String upgrade = "statestore upgrade store --from-dump " + dump;
            String targeted = target.map(t -> " --target " + t.text()).orElse("");
            return new Ways(upgrade + " --into bolt://HOST:7687" + targeted,
                    upgrade + " --data-dir <new store directory>" + targeted,
                    upgrade + " --data-dir <new store directory> --to-dump neo4j-5.dump" + targeted,
                    StoreUpgrade.releaseLine(embeddedNeo4j));
        }
    }

    private static final Version UTC_TIMES = Version.parse("0.7.0");
    private static final Version FAILURE_TIMES = Version.parse("0.7.1");

    private final Consumer<String> log;

    public UpgradeCheck(Consumer<String> log) {
        this.log = log;
    }

    public Report run(Path dump, Optional<Version> target) {
        StoreUpgrade.requireBundled(target);
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
            try (Statestore opened = Statestore.open(config)) {
                UpgradeSurvey found = opened.alchemiscale().upgradeSurvey();
                StoreSurvey survey = found.store();
                String shape = AlchemiscaleShape.decide(survey).map(Baseline::description)
                        .orElse(survey.hasData() ? "unrecognised data" : "empty");
                return new Report(format.version(), format.introducedIn(), found.rangeIndexes(), shape,
                        survey.networks(), survey.unmarkedNetworks(), found.localDateTimes(),
                        reaches(target, UTC_TIMES), found.withoutFailureTimes(), reaches(target, FAILURE_TIMES),
                        found.identities(), target, Ways.of(dump, target, EmbeddedServer.neo4jVersion()));
            }
        } finally {
            Neo4jAdmin.deleteTree(home);
        }
    }

    private static boolean reaches(Optional<Version> target, Version unit) {
        return target.map(t -> t.compareTo(unit) >= 0).orElse(true);
    }
}
