package org.statestore.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.statestore.alchemiscale.DoctorReport;
import org.statestore.alchemiscale.ExpiryResult;
import org.statestore.alchemiscale.Finding;
import org.statestore.alchemiscale.internal.Quoting;

/** How {@code database check}, {@code doctor} and {@code expire-registrations} print their results. */
public final class DatabaseFindings {

    /** alchemiscale's own line when its check passes, so scripts that look for it keep working. */
    public static final String CHECK_OK = "No inconsistencies found in database.";

    private DatabaseFindings() {
    }

    /** The exit code a doctor report means: findings are validation failures. */
    public static ExitCode exitCode(DoctorReport report) {
        return report.ok() ? ExitCode.OK : ExitCode.VALIDATION;
    }

    /** The doctor's text: a line naming the release and the verdict, then one line per finding with its fix. */
    public static List<String> text(DoctorReport report) {
        List<String> lines = new ArrayList<>();
        if (report.ok()) {
            lines.add("ok: " + report.release().describe() + " can read this database; no findings");
        } else {
            lines.add(report.release().describe() + ": " + report.findings().size() + " finding(s)");
            report.findings().forEach(f -> lines.add(f.line()));
        }
        return lines;
    }

    /** The doctor's JSON document: the envelope, {@code release}, and {@code findings}. */
    public static Map<String, Object> json(DoctorReport report) {
        ExitCode code = exitCode(report);
        Map<String, Object> doc = JsonOutput.envelope("database doctor", code,
                report.ok() ? null : report.findings().size() + " finding(s) for " + report.release().describe());
        doc.put("release", report.release().text());
        doc.put("findings", report.findings().stream().map(DatabaseFindings::json).toList());
        return doc;
    }

    static Map<String, Object> json(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind().label());
        m.put("problem", f.problem());
        m.put("count", f.count());
        m.put("fix", f.fix());
        return m;
    }

    /** One line per registration, then a summary; a dry run says so on every line. */
    public static List<String> text(ExpiryResult result) {
        List<String> lines = new ArrayList<>();
        if (result.registrations().isEmpty()) {
            lines.add(result.selection() == org.statestore.alchemiscale.RegistrationExpiry.Selection.ALL
                    ? "no compute service registrations: nothing to expire"
                    : "every compute service registration is {name}-{32 hex digits}: nothing to expire");
            return lines;
        }
        for (ExpiryResult.Expired e : result.registrations()) {
            String id = e.identifier().map(Quoting::shown).orElse("(registration without a string identifier)");
            lines.add(result.dryRun()
                    ? "would expire " + id + ": " + e.tasksReset() + " running Task(s) would go back to waiting"
                    : "expired " + id + ": " + e.tasksReset() + " running Task(s) back to waiting");
        }
        lines.add(result.dryRun()
                ? "dry run: would expire " + result.registrations().size() + " registration(s) and set "
                        + result.tasksReset() + " Task(s) back to waiting; nothing changed"
                : "expired " + result.registrations().size() + " registration(s); " + result.tasksReset()
                        + " Task(s) back to waiting");
        return lines;
    }

    /** The JSON document of an expiry. */
    public static Map<String, Object> json(ExpiryResult result) {
        Map<String, Object> doc = JsonOutput.envelope("database expire-registrations", ExitCode.OK, null);
        doc.put("selection", result.selection().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("dryRun", result.dryRun());
        doc.put("registrations", result.registrations().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("identifier", e.identifier().orElse(null));
            m.put("tasksReset", e.tasksReset());
            return m;
        }).toList());
        doc.put("tasksReset", result.tasksReset());
        return doc;
    }
}
