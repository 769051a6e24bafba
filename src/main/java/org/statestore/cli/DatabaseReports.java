package org.statestore.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.statestore.alchemiscale.CheckReport;
import org.statestore.alchemiscale.DoctorReport;
import org.statestore.alchemiscale.ExpiryResult;
import org.statestore.alchemiscale.Finding;
import org.statestore.alchemiscale.RegistrationExpiry.Selection;
import org.statestore.alchemiscale.ResetResult;
import org.statestore.alchemiscale.SeedResult;
import org.statestore.alchemiscale.internal.Quoting;

/** The {@code database} and {@code dev} commands' results as reports: pure functions, one per result type. */
final class DatabaseReports {

    /** alchemiscale's own line when its check passes, so scripts that look for it keep working. */
    static final String CHECK_OK = "No inconsistencies found in database.";

    private DatabaseReports() {
    }

    /** {@code database check}: one line per problem with its fix (exit 6), or alchemiscale's ok line. */
    static Report check(CheckReport result) {
        Report.Builder report = result.ok() ? Report.ok().line(CHECK_OK) : Report.failed(ExitCode.VALIDATION,
                "database check failed: " + result.findings().size() + " problem(s)").lines(result.findings());
        return report.field("findings", result.findings()).build();
    }

    /** {@code database doctor}: the release and the verdict, then one line per finding with its fix (exit 6). */
    static Report doctor(DoctorReport result) {
        String release = result.release().describe();
        Report.Builder report = result.ok()
                ? Report.ok().line("ok: " + release + " can read this database; no findings")
                : Report.failed(ExitCode.VALIDATION, "database doctor: " + result.findings().size() + " finding(s) for "
                        + release).line(release + ": " + result.findings().size() + " finding(s)");
        result.findings().forEach(f -> report.line(f.line()));
        return report.field("release", result.release().text())
                .field("findings", result.findings().stream().map(DatabaseReports::finding).toList()).build();
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind().label());
        m.put("problem", f.problem());
        m.put("count", f.count());
        m.put("fix", f.fix());
        return m;
    }

    /** {@code database expire-registrations}: one line per registration, then a summary; a dry run says so. */
    static Report expiry(ExpiryResult result) {
        Report.Builder report = Report.ok().field("selection", result.selection().name().toLowerCase(Locale.ROOT))
                .field("dryRun", result.dryRun())
                .field("registrations", result.registrations().stream().map(DatabaseReports::registration).toList())
                .field("tasksReset", result.tasksReset());
        if (result.registrations().isEmpty()) {
            return report.line(result.selection() == Selection.ALL
                    ? "no compute service registrations: nothing to expire"
                    : "every compute service registration is {name}-{32 hex digits}: nothing to expire").build();
        }
        for (ExpiryResult.Expired e : result.registrations()) {
            String id = e.identifier().map(Quoting::shown).orElse("(registration without a string identifier)");
            report.line(result.dryRun()
                    ? "would expire " + id + ": " + e.tasksReset() + " running Task(s) would go back to waiting"
                    : "expired " + id + ": " + e.tasksReset() + " running Task(s) back to waiting");
        }
        return report.line(result.dryRun()
                ? "dry run: would expire " + result.registrations().size() + " registration(s) and set "
                        + result.tasksReset() + " Task(s) back to waiting; nothing changed"
                : "expired " + result.registrations().size() + " registration(s); " + result.tasksReset()
                        + " Task(s) back to waiting").build();
    }

    private static Map<String, Object> registration(ExpiryResult.Expired e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identifier", e.identifier().orElse(null));
        m.put("tasksReset", e.tasksReset());
        return m;
    }

    /** {@code database reset} without {@code --yes} where nobody can type the confirmation: exit 11. */
    static Report resetNeedsYes() {
        return Report.failed(ExitCode.REFUSED, "refusing to delete every node without --yes (or the database name "
                + "typed on a terminal)").build();
    }

    /** What {@code database reset} asks on a terminal before deleting {@code nodes} nodes. */
    static String resetQuestion(long nodes, String server, String database) {
        return "statestore: this deletes all " + count(nodes, "node") + " of " + server + " and alchemiscale's four "
                + "constraints.\nType the database name (" + database + ") to confirm: ";
    }

    /** Exit 11 unless {@code typed} (empty when input ended) is the database name; empty when reset may go ahead. */
    static Optional<Report> resetUnconfirmed(String database, Optional<String> typed) {
        return typed.map(String::strip).filter(database::equals).isPresent() ? Optional.empty()
                : Optional.of(Report.failed(ExitCode.REFUSED, "confirmation did not match the database name; nothing "
                        + "was deleted").build());
    }

    /** {@code database reset}: what was deleted and dropped. */
    static Report reset(ResetResult result) {
        return Report.ok().field("relationshipsDeleted", result.relationshipsDeleted())
                .field("nodesDeleted", result.nodesDeleted()).field("constraintsDropped", result.constraintsDropped())
                .line("reset: deleted " + count(result.nodesDeleted(), "node") + " and "
                        + count(result.relationshipsDeleted(), "relationship") + "; dropped "
                        + count(result.constraintsDropped().size(), "constraint")).build();
    }

    /** {@code dev seed}: the store written, or why nothing was (exit 11). */
    static Report seed(SeedResult result) {
        if (result instanceof SeedResult.Refused r) {
            return Report.failed(ExitCode.REFUSED, r.reason()).build();
        }
        if (result instanceof SeedResult.Seeded s) {
            return Report.ok().field("networks", s.networks()).field("nodes", s.nodes())
                    .field("relationships", s.relationships()).field("elapsedMs", s.elapsed().toMillis())
                    .line("seeded a v0.3 store: " + count(s.networks(), "network") + ", " + count(s.nodes(), "node")
                            + ", " + count(s.relationships(), "relationship") + " in " + s.elapsed().toMillis() + " ms")
                    .build();
        }
        throw Unmapped.result(result);
    }

    /** {@code n} and {@code noun}, plural unless one. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
