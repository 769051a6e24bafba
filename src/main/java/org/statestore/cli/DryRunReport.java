package org.statestore.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.statestore.cli.MigrateReports.Verdict;
import org.statestore.migrate.DryRun;
import org.statestore.migrate.UpResult;

/** A dry run's plan and outcome as a report, for {@code migrate up --dry-run} and {@code migrate undo --dry-run}. */
final class DryRunReport {

    private DryRunReport() {
    }

    /** The plan; {@code refusal} says what a run that would not start at all means, as the real command would. */
    static Report of(DryRun.Outcome outcome, Function<UpResult, Verdict> refusal) {
        Verdict verdict;
        if (outcome instanceof DryRun.Outcome.Valid) {
            verdict = Verdict.OK;
        } else if (outcome instanceof DryRun.Outcome.Invalid i) {
            verdict = Verdict.failed(ExitCode.VALIDATION, i.source() + ":" + i.line()
                    + (i.column() > 0 ? ":" + i.column() : "") + ": the server refused the statement: " + i.message());
        } else if (outcome instanceof DryRun.Outcome.Refused r) {
            verdict = refusal.apply(r.result());
        } else {
            throw Unmapped.result(outcome);
        }
        Report.Builder report = verdict.report().qualifier(" --dry-run").field("dryRun", true)
                .field("plan", outcome.plan().stream().map(DryRunReport::json).toList());
        if (outcome.plan().isEmpty() && verdict.ok()) {
            report.line("dry run: nothing to do");
        }
        for (DryRun.PlannedUnit u : outcome.plan()) {
            if (u.skipReason().isPresent()) {
                report.line("would skip " + u.version() + " " + u.description() + " (" + u.type() + ") from " + u.source()
                        + ": " + u.skipReason().get() + "; its statements are not sent");
                continue;
            }
            report.line("would run " + u.version() + " " + u.description() + " (" + u.type() + ", "
                    + u.transactionMode() + ") from " + u.source());
            if (!u.inspectable()) {
                report.line("    (Java unit: not inspectable)");
            }
            for (String s : u.statements()) {
                report.line("    " + s.strip().replace("\n", "\n    ") + ";");
            }
            report.line("    rollback: " + u.rollback());
        }
        if (verdict.ok()) {
            report.line("dry run: every statement was accepted by the server's planner; nothing was written");
        }
        return report.build();
    }

    private static Map<String, Object> json(DryRun.PlannedUnit u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", u.version().text());
        m.put("description", u.description());
        m.put("type", u.type());
        m.put("source", u.source());
        m.put("transactionMode", u.transactionMode());
        m.put("statements", u.statements());
        m.put("rollback", u.rollback());
        m.put("inspectable", u.inspectable());
        m.put("skipped", u.skipped());
        return m;
    }
}
