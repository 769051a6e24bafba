package org.statestore.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.statestore.migrate.Version;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.upgrade.internal.StoreUpgrade;
import org.statestore.upgrade.internal.UpgradeFailure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore upgrade store}: the manual's nine "v0.3 to v0.4" steps as one checked command. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = {"Load a Neo4j 4.4 dump of an alchemiscale v0.3 store into a new Neo4j 5 store in --data-dir, "
                + "migrate its store format (BTREE indexes to RANGE), apply alchemiscale's units (baseline 0.3.0, "
                + "NetworkMarks, then up to --target or the newest bundled unit) and run 'database check' and 'database doctor'. "
                + "The dump is only read.",
                "Pick the target for the alchemiscale release that will serve the store: --target 0.4.0 for v0.4.x to "
                + "v0.6.x (the operations manual's v0.3 to v0.4 path ends on v0.4.0), no --target for v0.7.x.",
                "With --into URL the result goes into the EMPTY database of a running Neo4j 5 server of any 5.x or "
                + "calendar version (the manual's 5.18 included): checked right after connecting, before the long work "
                + "(exit 11 when it holds anything, exit 12 below 5.0), restored with 'backup restore' (read back and "
                + "compared), then 'database check' and 'migrate info' there. Without --data-dir the store is built in "
                + "a scratch directory under the system's temporary one and deleted afterwards.",
                "Otherwise serve the result with 'statestore server --data-dir DIR'. --to-dump also writes a dump in "
                + "Neo4j's own format, written by the embedded Neo4j 5.26: it loads into 5.26 or newer only (older "
                + "5.x refuse it: use --into)."},
        footerHeading = "%nExamples:%n",
        footer = {"  NEO4J_USER=neo4j NEO4J_PASS=secret statestore upgrade store --from-dump backups/neo4j-2024-05-01.dump "
                + "--into bolt://localhost:7687 --target 0.4.0",
                "  statestore upgrade store --from-dump backups/neo4j-2024-05-01.dump --data-dir ./store-v04 --target 0.4.0",
                "  statestore upgrade store --from-dump old.dump --data-dir ./new --to-dump ./neo4j-5.dump"})
final class UpgradeStoreCommand extends ReportingCommand {

    @Option(names = "--from-dump", paramLabel = "FILE", required = true, description = "The Neo4j 4.4 dump.")
    Path dump;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the new store goes (empty or absent), kept afterwards. Default: ./statestore-data; "
                    + "with --into, a scratch directory deleted afterwards.")
    Path dataDir;

    @Option(names = "--into", paramLabel = "URL", description = "Restore the result into this running Neo4j 5 "
            + "server's empty database (bolt://, neo4j://, ...; NEO4J_URL is not read). Credentials: NEO4J_USER, "
            + "NEO4J_PASS, NEO4J_DBNAME, or --user, --password-file, --database.")
    String into;

    /** The {@code --into} server's user, password and database. */
    @Mixin
    CredentialOptions credentials;

    @Option(names = "--to-dump", paramLabel = "FILE", description = "Also write a Neo4j 5 dump of the result (never "
            + "overwritten), written by the embedded Neo4j 5.26: neo4j-admin database load of 5.26 or newer takes it.")
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
        if (into == null && credentials.anyGiven()) {
            throw new UsageException("--user, --password, --password-file and --database are for the --into server: "
                    + "give --into URL");
        }
        if (into != null && dataDir == null && replace) {
            throw new UsageException("--replace starts over in a --data-dir; with --into and no --data-dir the store "
                    + "is built in a new scratch directory");
        }
        Optional<Version> version = UpgradeCommand.target(target);
        Optional<ConnectionSettings> server = Optional.ofNullable(into)
                .map(url -> credentials.remote(url, console, ConnectionSettings.DEFAULT_DATA_DIR, Duration.ZERO));
        Optional<Path> dir = Optional.ofNullable(dataDir)
                .or(() -> server.isPresent() ? Optional.empty() : Optional.of(ConnectionSettings.DEFAULT_DATA_DIR));
        long t0 = System.nanoTime();
        try {
            StoreUpgrade.Report done = new StoreUpgrade(console::log, console.progress()).run(new StoreUpgrade.Request(
                    dump, dir, replace, Optional.ofNullable(toDump), version, server));
            return UpgradeReports.stored(done, dump, (System.nanoTime() - t0) / 1_000_000, target != null);
        } catch (UpgradeFailure f) {
            return UpgradeReports.storeFailed(f, dump);
        }
    }
}
