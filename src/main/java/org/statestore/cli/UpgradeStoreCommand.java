package org.statestore.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.statestore.migrate.Version;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.upgrade.internal.StoreUpgrade;
import org.statestore.upgrade.internal.UpgradeFailure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statestore upgrade store}: the manual's nine "v0.3 to v0.4" steps as one checked command. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = {"Load a Neo4j 4.4 dump of an alchemiscale v0.3 store into a new Neo4j 5 store in --data-dir, "
                + "migrate its store format (BTREE indexes to RANGE), apply alchemiscale's units (baseline 0.3.0, "
                + "NetworkMarks, then up to --target or the newest bundled unit) and run 'database check' and 'database doctor'. "
                + "The dump is only read.",
                "Pick the target for the alchemiscale release that will serve the store: --target 0.4.0 for v0.4.x to "
                + "v0.6.x (the operations manual's v0.3 to v0.4 path ends on v0.4.0), no --target for v0.7.x.",
                "Serve the result with 'statestore server --data-dir DIR', or also write a Neo4j 5 dump with --to-dump."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore upgrade store --from-dump backups/neo4j-2024-05-01.dump --data-dir ./store-v04 --target 0.4.0",
                "  statestore upgrade store --from-dump old.dump --data-dir ./new --to-dump ./neo4j-5.dump"})
final class UpgradeStoreCommand extends ReportingCommand {

    @Option(names = "--from-dump", paramLabel = "FILE", required = true, description = "The Neo4j 4.4 dump.")
    Path dump;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the new store goes (empty or absent). Default: ./statestore-data.")
    Path dataDir;

    @Option(names = "--to-dump", paramLabel = "FILE", description = "Also write a Neo4j 5 dump of the result (never overwritten).")
    Path toDump;

    @Option(names = "--target", paramLabel = "VERSION", description = "Stop after this bundled unit: 0.4.0 for an "
            + "alchemiscale v0.4.x to v0.6.x server (the manual's v0.3 to v0.4 path), the newest (default, or "
            + "'latest') for v0.7.x. A version that names no bundled unit fails (exit 6) before anything is written.")
    String target;

    @Option(names = "--replace", description = "Start over in a non-empty --data-dir (needs --yes).")
    boolean replace;

    @Option(names = "--yes", description = "Confirm --replace.")
    boolean yes;

    UpgradeStoreCommand(Console console) {
        super(console);
    }

    @Override
    Report report() {
        if (replace && !yes) {
            return UpgradeReports.replaceUnconfirmed();
        }
        Optional<Version> version = UpgradeCommand.target(target);
        Path dir = Optional.ofNullable(dataDir).orElse(ConnectionSettings.DEFAULT_DATA_DIR);
        long t0 = System.nanoTime();
        try {
            StoreUpgrade.Report done = new StoreUpgrade(console::log, console.progress()).run(new StoreUpgrade.Request(
                    dump, dir, replace, Optional.ofNullable(toDump), version));
            return UpgradeReports.stored(done, dump, dir, (System.nanoTime() - t0) / 1_000_000, target != null);
        } catch (UpgradeFailure f) {
            return UpgradeReports.storeFailed(f, dump);
        }
    }
}
