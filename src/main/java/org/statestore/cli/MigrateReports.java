package org.statestore.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.statestore.BaselineResult;
import org.statestore.ValidationReport;
import org.statestore.history.HistoryEntry;
import org.statestore.migrate.AppliedUnit;
import org.statestore.migrate.Neo4jMigrationsImport;
import org.statestore.migrate.Repair;
import org.statestore.migrate.UndoResult;
import org.statestore.migrate.UpResult;
import org.statestore.migrate.Version;
import org.statestore.migrate.VersionWatch;

/** The migration commands' results as reports: pure functions, one per result type. */
final class MigrateReports {

    private MigrateReports() {
    }

    /** A result's exit code and error line (none on success): the part of a report a dry run shares with the run. */
    record Verdict(ExitCode code, Optional<String> error) {

        static final Verdict OK = new Verdict(ExitCode.OK, Optional.empty());

        static Verdict failed(ExitCode code, String error) {
            return new Verdict(code, Optional.of(error));
        }

        boolean ok() {
            return code == ExitCode.OK;
        }

        Report.Builder report() {
            return Report.of(code, error);
        }
    }

    /** How {@code migrate up} ended: also what its dry run says when the run would not start. */
    static Verdict verdict(UpResult result) {
        return verdict(result, ExitCode.TERMINATED);
    }

    /** As {@link #verdict(UpResult)}; a run a signal stopped exits {@code stopped} (130 for SIGINT, 143 for SIGTERM). */
    static Verdict verdict(UpResult result, ExitCode stopped) {
        if (result instanceof UpResult.Applied || result instanceof UpResult.UpToDate) {
            return Verdict.OK;
        }
        if (result instanceof UpResult.LockTimeout t) {
            return Verdict.failed(ExitCode.LOCK_TIMEOUT, t.message());
        }
        if (result instanceof UpResult.LeaseLost l) {
            return Verdict.failed(ExitCode.LOCK_TIMEOUT, "lost the migration lock"
                    + l.during().map(u -> " during unit " + u.version()).orElse("") + " (this process was paused past "
                    + "the lock TTL and another process took over); stopped writing: rerun to continue");
        }
        if (result instanceof UpResult.Interrupted i) {
            return Verdict.failed(stopped, "stopped by a signal" + i.during().map(u -> " during unit "
                    + u.version() + " after " + i.statementsDone() + " statements").orElse("") + "; state recorded, "
                    + "lock released, the next run resumes");
        }
        if (result instanceof UpResult.BackupFailed b) {
            return Verdict.failed(ExitCode.UNIT_FAILED, "the backup before applying failed, so nothing was applied: "
                    + b.message());
        }
        if (result instanceof UpResult.ValidationFailed v) {
            return Verdict.failed(ExitCode.VALIDATION, summary(v.findings()));
        }
        if (result instanceof UpResult.UnitFailed f) {
            return Verdict.failed(ExitCode.UNIT_FAILED, "unit " + f.failed().version() + " (" + f.failed().source()
                    + ") failed" + (f.error().statementIndex() > 0 ? " at statement " + f.error().statementIndex() : "")
                    + ": " + f.error().message() + " [" + f.error().code() + "]");
        }
        if (result instanceof UpResult.Blocked b) {
            String last = b.blocker().recorded().flatMap(HistoryEntry::error)
                    .map(e -> " (last error: " + e.message() + ")").orElse("");
            return Verdict.failed(ExitCode.UNIT_FAILED, "unit " + b.blocker().version() + " failed in an earlier run "
                    + "and is unchanged, so nothing was applied; ship a fixed unit (a changed checksum is retried), or "
                    + "mark it for retry with 'migrate repair'" + last);
        }
        throw Unmapped.result(result);
    }

    /** At most three findings on the one error line; 'migrate validate' prints every one. */
    static String summary(List<String> findings) {
        if (findings.size() <= 3) {
            return String.join("; ", findings);
        }
        return String.join("; ", findings.subList(0, 3)) + "; and " + (findings.size() - 3)
                + " more ('migrate validate' lists every one)";
    }

    /**
     * {@code migrate up}: the units applied, then the version reached. With {@code releases} (bundled units), a
     * success also names the alchemiscale releases served, and the earlier targets unless {@code targeted}.
     */
    static Report up(UpResult result, boolean releases, boolean targeted) {
        return up(result, releases, targeted, ExitCode.TERMINATED);
    }

    /** As {@link #up(UpResult, boolean, boolean)}; a run a signal stopped exits {@code stopped}. */
    static Report up(UpResult result, boolean releases, boolean targeted, ExitCode stopped) {
        Verdict verdict = verdict(result, stopped);
        Optional<Version> current = result instanceof UpResult.Applied a ? a.current()
                : result instanceof UpResult.UpToDate u ? u.current() : Optional.empty();
        boolean serves = releases && verdict.ok() && current.isPresent();
        Report.Builder report = verdict.report().field("applied", result.applied().stream().map(MigrateReports::applied)
                .toList()).field("current", current.map(Version::text).orElse(null));
        if (serves) {
            report.field("alchemiscale", ServedReleases.json(current.get()));
        }
        if (result instanceof UpResult.ValidationFailed v) {
            report.field("findings", v.findings());
        }
        for (AppliedUnit u : result.applied()) {
            report.line("applied " + u.version() + " " + u.description() + " (" + u.mode().label() + ", "
                    + u.elapsed().toMillis() + " ms)");
        }
        if (verdict.ok()) {
            String at = current.map(v -> "database is at version " + v).orElse("database has no applied unit");
            boolean followed = result instanceof UpResult.UpToDate u && u.tookLock();
            report.line(result.applied().isEmpty()
                    ? "nothing to do" + (followed ? " (another process applied the pending units)" : "") + ": " + at : at);
        }
        if (serves) {
            report.line(ServedReleases.text(current.get(), targeted));
        }
        return report.build();
    }

    private static Map<String, Object> applied(AppliedUnit u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", u.version().text());
        m.put("description", u.description());
        m.put("type", u.type().name());
        m.put("checksum", u.checksum());
        m.put("transactionMode", u.mode().label());
        m.put("executionTimeMs", u.elapsed().toMillis());
        return m;
    }

    /** {@code migrate undo}: the versions undone, and where it stopped short. */
    static Report undo(UndoResult result) {
        Verdict verdict;
        if (result instanceof UndoResult.Undone) {
            verdict = Verdict.OK;
        } else if (result instanceof UndoResult.StoppedAtIrreversible s) {
            verdict = Verdict.failed(ExitCode.UNIT_FAILED, "stopped at unit " + s.version() + " (" + s.description()
                    + "): it is irreversible (" + s.note() + "); it and everything below it were not touched");
        } else if (result instanceof UndoResult.StoppedAtBaseline b) {
            verdict = Verdict.failed(ExitCode.UNIT_FAILED, "stopped at the baseline " + b.baseline() + ": undo never "
                    + "goes below what statestore did not apply itself (restore a backup to go further)");
        } else if (result instanceof UndoResult.UndoFailed f) {
            verdict = Verdict.failed(ExitCode.UNIT_FAILED, "undo of unit " + f.version() + " failed: "
                    + f.error().message() + " [" + f.error().code() + "]; it stays applied");
        } else if (result instanceof UndoResult.LockTimeout t) {
            verdict = Verdict.failed(ExitCode.LOCK_TIMEOUT, t.message());
        } else {
            throw Unmapped.result(result);
        }
        Report.Builder report = verdict.report().field("undone", result.undone().stream().map(Version::text).toList());
        result.undone().forEach(v -> report.line("undone " + v));
        if (verdict.ok() && result.undone().isEmpty()) {
            report.line("nothing to undo");
        }
        return report.build();
    }

    /** {@code migrate validate}: one line per problem, then the tolerated warnings. */
    static Report validation(ValidationReport result) {
        Report.Builder report = result.ok() ? Report.ok()
                : Report.failed(ExitCode.VALIDATION, result.problems().size() + " problems");
        report.field("problems", result.problems()).field("warnings", result.warnings()).lines(result.problems());
        result.warnings().forEach(w -> report.line("warning: " + w));
        if (result.ok()) {
            report.line("valid: local units agree with the history chain");
        }
        return report.build();
    }

    /** {@code migrate baseline --version}: JSON names the version either way. */
    static Report baseline(BaselineResult result, Version version) {
        if (result instanceof BaselineResult.Recorded) {
            return Report.ok().field("baseline", version.text()).line("baselined at " + version.text()).build();
        }
        if (result instanceof BaselineResult.Refused r) {
            return Report.failed(ExitCode.REFUSED, r.reason()).field("baseline", version.text()).build();
        }
        throw Unmapped.result(result);
    }

    /** {@code migrate repair}: one line per change. */
    static Report repair(Repair.Outcome outcome) {
        if (outcome instanceof Repair.Outcome.Repaired r) {
            Report.Builder report = Report.ok().field("changes", r.changes()).lines(r.changes());
            return (r.changes().isEmpty() ? report.line("nothing to repair") : report).build();
        }
        if (outcome instanceof Repair.Outcome.Refused r) {
            return Report.failed(ExitCode.REFUSED, r.reason()).field("changes", List.of()).build();
        }
        throw Unmapped.result(outcome);
    }

    /** {@code migrate await --version}: exit 8 when the timeout passed first. */
    static Report await(VersionWatch.Outcome outcome, Version wanted, Duration timeout) {
        if (outcome instanceof VersionWatch.Outcome.Reached r) {
            String current = r.current().map(Version::text).orElse(null);
            return awaited(Report.ok().line("database is at version " + current + " (wanted " + wanted + ")"), wanted,
                    current);
        }
        if (outcome instanceof VersionWatch.Outcome.TimedOut t) {
            String current = t.current().map(Version::text).orElse(null);
            return awaited(Report.failed(ExitCode.PENDING, "database did not reach version " + wanted + " within "
                    + timeout.toMillis() + " ms (it is at " + (current == null ? "no version" : current) + ")"), wanted,
                    current);
        }
        throw Unmapped.result(outcome);
    }

    private static Report awaited(Report.Builder report, Version wanted, String current) {
        return report.field("wanted", wanted.text()).field("current", current).build();
    }

    /** {@code migrate import --from neo4j-migrations}: the runs copied, and the clean-up done. */
    static Report neo4jImport(Neo4jMigrationsImport.Outcome outcome) {
        if (outcome instanceof Neo4jMigrationsImport.Imported i) {
            Report.Builder report = Report.ok().field("imported", i.entries().stream().map(MigrateReports::imported)
                    .toList()).field("skipped", i.skipped()).field("removedSource", i.removedSource())
                    .field("droppedConstraints", i.droppedConstraints());
            i.entries().forEach(e -> report.line("imported " + e.version() + " " + e.description() + " (installed "
                    + e.installedOn().toInstant() + " by " + e.installedBy() + ")"));
            i.skipped().forEach(s -> report.line("not imported: " + s));
            report.line(i.removedSource() ? "removed the neo4j-migrations nodes"
                    : "left the neo4j-migrations nodes in place");
            return dropped(report, i.droppedConstraints());
        }
        if (outcome instanceof Neo4jMigrationsImport.AlreadyImported a) {
            return dropped(Report.ok().field("imported", List.of()).field("removedSource", a.removedSource())
                    .field("droppedConstraints", a.droppedConstraints()).line("nothing to import: all " + a.entries()
                            + " neo4j-migrations runs were imported before"), a.droppedConstraints());
        }
        if (outcome instanceof Neo4jMigrationsImport.NoPeerChain) {
            return Report.failed(ExitCode.NOT_FOUND, "the database has no neo4j-migrations history (no "
                    + ":__Neo4jMigration chain); nothing to import").build();
        }
        if (outcome instanceof Neo4jMigrationsImport.Refused r) {
            return Report.failed(ExitCode.REFUSED, r.reason()).build();
        }
        throw Unmapped.result(outcome);
    }

    private static Map<String, Object> imported(HistoryEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", e.version());
        m.put("description", e.description());
        m.put("source", e.source());
        m.put("installedOn", e.installedOn().toInstant().toString());
        m.put("installedBy", e.installedBy());
        return m;
    }

    private static Report dropped(Report.Builder report, List<String> constraints) {
        constraints.forEach(c -> report.line("dropped constraint " + c));
        return report.build();
    }
}
