package org.statestore.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.statestore.alchemiscale.internal.ReleaseTargets;
import org.statestore.migrate.Version;
import org.statestore.migrate.internal.Targets;
import org.statestore.upgrade.internal.StoreUpgrade;
import org.statestore.upgrade.internal.UpgradeCheck;
import org.statestore.upgrade.internal.UpgradeFailure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore upgrade check}: what an upgrade would find, worked out on a temporary copy. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Report what 'upgrade store' would find in a Neo4j 4.4 dump, without changing anything: the "
                + "store format, BTREE indexes to convert, the alchemiscale shape, networks without marks, "
                + "LocalDateTime values to convert, identities, and the command to run next.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore upgrade check --from-dump backups/neo4j-2024-05-01.dump --output json"})
final class UpgradeCheckCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    OutputOptions output;

    @Option(names = "--from-dump", paramLabel = "FILE", required = true, description = "The Neo4j 4.4 dump.")
    Path dump;

    @Option(names = "--target", paramLabel = "VERSION", description = "The target 'upgrade store' would stop at "
            + "(0.4.0 for alchemiscale v0.4.x to v0.6.x); default and 'latest': the newest bundled unit. A version "
            + "that names no bundled unit fails (exit 6).")
    String target;

    UpgradeCheckCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        UpgradeCheck.Report r;
        try {
            r = new UpgradeCheck(console::log).run(dump, target(target));
        } catch (UpgradeFailure f) {
            ExitCode code = UpgradeFailures.exitCode(f);
            if (output.json()) {
                JsonOutput.print(console.out(), JsonOutput.envelope(commandName(), code, f.getMessage()));
            }
            console.error(f.getMessage());
            return code.code();
        }
        if (output.json()) {
            Map<String, Object> doc = JsonOutput.envelope(commandName(), ExitCode.OK, null);
            doc.put("storeFormat", r.storeFormat());
            doc.put("formatIntroducedIn", r.introducedIn());
            doc.put("btreeIndexesToConvert", r.btreeIndexes());
            doc.put("shape", r.shape());
            doc.put("networks", r.networks());
            doc.put("networksWithoutMark", r.unmarkedNetworks());
            doc.put("localDateTimes", r.localDateTimes());
            doc.put("convertsLocalDateTimes", r.convertsTimes());
            doc.put("localDateTimesToConvert", r.convertsTimes() ? r.localDateTimes() : Map.of());
            doc.put("registrationsWithoutFailureTimes", r.withoutFailureTimes());
            doc.put("addsFailureTimes", r.addsFailureTimes());
            doc.put("identities", r.identities());
            doc.put("target", r.target().map(Version::text).orElse(null));
            doc.put("alchemiscale", ServedReleases.json(reached(r)));
            doc.put("next", r.nextCommand());
            JsonOutput.print(console.out(), doc);
        } else {
            var out = console.out();
            out.println("store format:             " + r.storeFormat() + " (Neo4j " + r.introducedIn() + "), needs migration to Neo4j 5");
            out.println("BTREE indexes to convert: " + r.btreeIndexes());
            out.println("alchemiscale shape:       " + r.shape());
            out.println("networks without a mark:  " + r.unmarkedNetworks() + " of " + r.networks());
            String times = r.convertsTimes() ? "LocalDateTime to convert: " : "LocalDateTime kept:       ";
            r.localDateTimes().forEach((k, v) -> out.println(times + k + " " + v));
            out.println("without failure_times:    " + r.withoutFailureTimes() + " compute service registration(s)"
                    + (r.addsFailureTimes() ? ", given []" : ", kept as they are"));
            out.println("identities:               " + r.identities());
            out.println("the result:               " + ServedReleases.text(reached(r), r.target().isPresent()));
            out.println("next:                     " + r.nextCommand());
            out.flush();
        }
        return ExitCode.OK.code();
    }

    /** Where the upgrade ends: the target, or the newest bundled release target. */
    private static Version reached(UpgradeCheck.Report r) {
        return r.target().orElse(ReleaseTargets.newest().target());
    }

    /**
     * Parses {@code --target} for the upgrade commands: exit 2 for a malformed one or one below 0.4.0, exit 6 for one
     * that names no bundled unit (the bundled units are known without the dump, so nothing is loaded or created);
     * {@code latest} is the newest bundled unit.
     */
    static Optional<Version> target(String text) {
        if (text == null) {
            return Optional.empty();
        }
        java.util.List<Version> bundled = StoreUpgrade.bundledVersions();
        Version target = Targets.isLatest(text)
                ? bundled.stream().max(Version::compareTo).orElseThrow()
                : MigrateUpCommand.parseVersion(text);
        StoreUpgrade.refuseTarget(target).ifPresent(why -> {
            throw new UsageException(why);
        });
        Targets.require(target, bundled);
        return Optional.of(target);
    }

    @Override
    public String commandName() {
        return "upgrade check";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
