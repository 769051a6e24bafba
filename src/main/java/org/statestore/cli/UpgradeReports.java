package org.statestore.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
                .field("alchemiscale", ServedReleases.json(reached)).field("next", r.nextCommand());
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
                .line("next:                     " + r.nextCommand()).build();
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
     * {@code upgrade store}: each step's time, then the version reached in {@code dataDir} and how to serve it;
     * {@code targeted} when {@code --target} was given (no earlier targets are suggested then).
     */
    static Report stored(StoreUpgrade.Report r, Path dump, Path dataDir, long totalMs, boolean targeted) {
        Map<String, Object> steps = new LinkedHashMap<>();
        Report.Builder report = Report.ok();
        for (int i = 0; i < r.steps().size(); i++) {
            long ms = r.times().get(i).toMillis();
            steps.put(r.steps().get(i), ms);
            report.line(String.format("%-55s %7d ms", r.steps().get(i), ms));
        }
        Path home = dataDir.toAbsolutePath().normalize();
        report.field("stepsMs", steps).field("totalMs", totalMs).field("version", r.version().map(Version::text)
                .orElse(null)).field("dataDir", home.toString());
        r.version().ifPresent(v -> report.field("alchemiscale", ServedReleases.json(v)));
        report.line("upgraded " + dump + " to " + home + " at version " + r.version().map(Version::text).orElse("-")
                + " in " + totalMs + " ms; database check and doctor passed");
        r.version().ifPresent(v -> report.line(ServedReleases.text(v, targeted)));
        return report.line("next: statestore server --data-dir " + dataDir).build();
    }
}
