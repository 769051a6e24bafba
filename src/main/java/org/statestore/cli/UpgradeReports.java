package org.statestore.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.statestore.alchemiscale.internal.ReleaseTargets;
import org.statestore.migrate.Version;
import org.statestore.upgrade.internal.StoreUpgrade;
import org.statestore.upgrade.internal.UpgradeCheck;
import org.statestore.upgrade.internal.UpgradeFailure;

/** The upgrade commands' results as reports: pure functions, one per result. */
final class UpgradeReports {

    private UpgradeReports() {
    }

    /** The exit code of a failed upgrade step. */
    static ExitCode exitCode(UpgradeFailure f) {
        return switch (f.kind()) {
            case BAD_INPUT -> ExitCode.VALIDATION;
            case REFUSED -> ExitCode.REFUSED;
            case STEP_FAILED -> ExitCode.UNIT_FAILED;
        };
    }

    /** {@code upgrade check} stopped: the step and why. */
    static Report checkFailed(UpgradeFailure f) {
        return Report.failed(exitCode(f), f.getMessage()).build();
    }

    /** {@code upgrade check}: what the dump holds, what the upgrade would convert, and the command to run. */
    static Report checked(UpgradeCheck.Report r) {
        // Where the upgrade ends: the target, or the newest bundled release target.
        Version reached = r.target().orElse(ReleaseTargets.newest().target());
        Report.Builder report = Report.ok().field("storeFormat", r.storeFormat())
                .field("formatIntroducedIn", r.introducedIn()).field("btreeIndexesToConvert", r.btreeIndexes())
                .field("shape", r.shape()).field("networks", r.networks())
                .field("networksWithoutMark", r.unmarkedNetworks()).field("localDateTimes", r.localDateTimes())
                .field("convertsLocalDateTimes", r.convertsTimes())
                .field("localDateTimesToConvert", r.convertsTimes() ? r.localDateTimes() : Map.of())
                .field("registrationsWithoutFailureTimes", r.withoutFailureTimes())
                .field("addsFailureTimes", r.addsFailureTimes()).field("identities", r.identities())
                .field("target", r.target().map(Version::text).orElse(null))
                .field("alchemiscale", ServedReleases.json(reached)).field("next", r.nextCommand())
                .field("ways", waysJson(r.ways()));
        report.line("store format:             " + r.storeFormat() + " (Neo4j " + r.introducedIn() + "), needs "
                + "migration to Neo4j 5").line("BTREE indexes to convert: " + r.btreeIndexes())
                .line("alchemiscale shape:       " + r.shape())
                .line("networks without a mark:  " + r.unmarkedNetworks() + " of " + r.networks());
        String times = r.convertsTimes() ? "LocalDateTime to convert: " : "LocalDateTime kept:       ";
        r.localDateTimes().forEach((property, count) -> report.line(times + property + " " + count));
        return report.line("without failure_times:    " + r.withoutFailureTimes() + " compute service registration(s)"
                        + (r.addsFailureTimes() ? ", given []" : ", kept as they are"))
                .line("identities:               " + r.identities())
                .line("the result:               " + ServedReleases.text(reached, r.target().isPresent()))
                .line("next (running Neo4j 5):   " + r.ways().into() + "   (an empty database; any 5.x or calendar "
                        + "version)")
                .line("next (embedded Neo4j):    " + r.ways().dataDir() + ", then statestore server --data-dir "
                        + "<new store directory>")
                .line("next (neo4j-admin load):  " + r.ways().toDump() + "   (the dump loads into Neo4j "
                        + r.ways().dumpLoader() + " or newer only)").build();
    }

    private static Map<String, Object> waysJson(UpgradeCheck.Ways ways) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("into", ways.into());
        m.put("dataDir", ways.dataDir());
        m.put("toDump", ways.toDump());
        m.put("dumpLoadsIntoNeo4j", ways.dumpLoader() + " or newer");
        return m;
    }

    /** {@code upgrade store} with {@code --replace} but not {@code --yes}. */
    static Report replaceUnconfirmed() {
        return Report.failed(ExitCode.REFUSED, "--replace deletes everything in the data directory: add --yes to "
                + "confirm").build();
    }

    /**
     * {@code upgrade store} stopped at a step. The dump it read is never changed, and the line says so, naming the
     * dump unless the step's message already does.
     */
    static Report storeFailed(UpgradeFailure f, Path dump) {
        String named = f.getMessage().contains(dump.toString()) ? "" : " " + dump;
        return Report.failed(exitCode(f), "upgrade failed at step " + f.getMessage() + " (the dump" + named
                + " was not changed)").build();
    }

    /**
     * {@code upgrade store}: each step's time, then the version reached, where the store went (the {@code --into}
     * server, the data directory) and how to serve it, and what a {@code --to-dump} file loads into; {@code targeted}
     * when {@code --target} was given (no earlier targets are suggested then).
     */
    static Report stored(StoreUpgrade.Report r, Path dump, long totalMs, boolean targeted) {
        Map<String, Object> steps = new LinkedHashMap<>();
        Report.Builder report = Report.ok();
        for (int i = 0; i < r.steps().size(); i++) {
            long ms = r.times().get(i).toMillis();
            steps.put(r.steps().get(i), ms);
            report.line(String.format("%-55s %7d ms", r.steps().get(i), ms));
        }
        Optional<Path> home = r.dataDir().map(d -> d.toAbsolutePath().normalize());
        String version = r.version().map(Version::text).orElse("-");
        report.field("stepsMs", steps).field("totalMs", totalMs).field("version", r.version().map(Version::text)
                .orElse(null)).field("dataDir", home.map(Path::toString).orElse(null));
        r.version().ifPresent(v -> report.field("alchemiscale", ServedReleases.json(v)));
        report.field("toDump", r.toDump().map(UpgradeReports::dumpJson).orElse(null))
                .field("into", r.into().map(UpgradeReports::intoJson).orElse(null));
        if (r.into().isPresent()) {
            StoreUpgrade.Restored into = r.into().get();
            report.line("upgraded " + dump + " into " + into.target() + " at version " + version + " in " + totalMs
                    + " ms; restored " + into.counts() + ", read back and compared; database check and migrate info "
                    + "passed there");
        } else {
            report.line("upgraded " + dump + " to " + home.map(Path::toString).orElse("-") + " at version " + version
                    + " in " + totalMs + " ms; database check and doctor passed");
        }
        r.version().ifPresent(v -> report.line(ServedReleases.text(v, targeted)));
        if (r.into().isPresent()) {
            report.line(home.map(h -> "the store built on the way is kept in " + h)
                    .orElse("the store was built in a scratch directory, now deleted (--data-dir DIR keeps it)"));
        }
        r.toDump().ifPresent(d -> report.line(dumpNote(d)));
        if (r.into().isPresent()) {
            return report.line("next: start alchemiscale against " + r.into().get().target()).build();
        }
        return report.line("next: statestore server --data-dir " + r.dataDir().map(Path::toString).orElse("-")).build();
    }

    /** What a {@code --to-dump} file is and where it loads: the embedded Neo4j's release line or newer. */
    static String dumpNote(StoreUpgrade.WrittenDump d) {
        return "wrote " + d.file() + " with the embedded Neo4j " + d.neo4jVersion() + ": it loads into Neo4j "
                + d.oldestLoader() + " or newer (neo4j-admin database load); older 5.x servers refuse it, use --into "
                + "URL for them";
    }

    private static Map<String, Object> dumpJson(StoreUpgrade.WrittenDump d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", d.file().toString());
        m.put("writtenByNeo4j", d.neo4jVersion());
        m.put("loadsIntoNeo4j", d.oldestLoader() + " or newer");
        return m;
    }

    private static Map<String, Object> intoJson(StoreUpgrade.Restored into) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("nodes", into.counts().nodes());
        counts.put("relationships", into.counts().relationships());
        counts.put("constraints", into.counts().constraints());
        counts.put("indexes", into.counts().indexes());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", into.target());
        m.put("serverVersion", into.serverVersion());
        m.put("database", into.database());
        m.put("counts", counts);
        m.put("version", into.version().map(Version::text).orElse(null));
        return m;
    }
}
