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
     * @param nextCommand      the command that performs the upgrade
     */
    public record Report(String storeFormat, String introducedIn, long btreeIndexes, String shape, long networks,
                         long unmarkedNetworks, Map<String, Long> localDateTimes, boolean convertsTimes,
                         long withoutFailureTimes, boolean addsFailureTimes, long identities, Optional<Version> target,
                         String nextCommand) {
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
                        found.identities(), target,
                        "statestore upgrade store --from-dump " + dump + " --data-dir <new store directory>"
                                + target.map(t -> " --target " + t.text()).orElse(""));
            }
        } finally {
            Neo4jAdmin.deleteTree(home);
        }
    }

    private static boolean reaches(Optional<Version> target, Version unit) {
        return target.map(t -> t.compareTo(unit) >= 0).orElse(true);
    }
}
