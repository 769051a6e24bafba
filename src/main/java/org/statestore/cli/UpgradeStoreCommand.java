package org.statestore.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

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
                "Serve the result with 'statestore server --data-dir DIR', or also write a Neo4j 5 dump with --to-dump."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore upgrade store --from-dump backups/neo4j-2024-05-01.dump --data-dir ./store-v04 --target 0.4.0",
                "  statestore upgrade store --from-dump old.dump --data-dir ./new --to-dump ./neo4j-5.dump"})
final class UpgradeStoreCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    OutputOptions output;

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
        this.console = console;
    }

    @Override
    public Integer call() {
        if (replace && !yes) {
            return fail(ExitCode.REFUSED, "--replace deletes everything in the data directory: add --yes to confirm");
        }
        Optional<Version> targetVersion = UpgradeCheckCommand.target(target);
        Path dir = Optional.ofNullable(dataDir).orElse(ConnectionSettings.DEFAULT_DATA_DIR);
        long t0 = System.nanoTime();
        StoreUpgrade.Report report;
        try {
            report = new StoreUpgrade(console::log, console.progress()).run(new StoreUpgrade.Request(dump, dir, replace,
                    Optional.ofNullable(toDump), targetVersion));
        } catch (UpgradeFailure f) {
            return fail(UpgradeFailures.exitCode(f), "upgrade failed at step " + f.getMessage()
                    + " (the dump " + dump + " was not changed)");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (output.json()) {
            Map<String, Object> doc = JsonOutput.envelope(commandName(), ExitCode.OK, null);
            Map<String, Object> steps = new LinkedHashMap<>();
            for (int i = 0; i < report.steps().size(); i++) {
                steps.put(report.steps().get(i), report.times().get(i).toMillis());
            }
            doc.put("stepsMs", steps);
            doc.put("totalMs", ms);
            doc.put("version", report.version().map(Version::text).orElse(null));
            doc.put("dataDir", dir.toAbsolutePath().normalize().toString());
            report.version().ifPresent(v -> doc.put("alchemiscale", ServedReleases.json(v)));
            JsonOutput.print(console.out(), doc);
        } else {
            for (int i = 0; i < report.steps().size(); i++) {
                console.out().printf("%-55s %7d ms%n", report.steps().get(i), report.times().get(i).toMillis());
            }
            console.out().println("upgraded " + dump + " to " + dir.toAbsolutePath().normalize() + " at version "
                    + report.version().map(Version::text).orElse("-") + " in " + ms + " ms; database check and doctor passed");
            report.version().ifPresent(v -> console.out().println(ServedReleases.text(v, target != null)));
            console.out().println("next: statestore server --data-dir " + dir);
            console.out().flush();
        }
        return ExitCode.OK.code();
    }

    private int fail(ExitCode code, String message) {
        if (output.json()) {
            JsonOutput.print(console.out(), JsonOutput.envelope(commandName(), code, message));
        }
        console.error(message);
        return code.code();
    }

    @Override
    public String commandName() {
        return "upgrade store";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
