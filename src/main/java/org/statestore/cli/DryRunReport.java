package org.statestore.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.statestore.migrate.DryRun;

/** Prints a dry run's plan as text or JSON and turns its outcome into an exit code. */
final class DryRunReport {

    private DryRunReport() {
    }

    /** Prints the plan; returns the exit code and, on failure, the error line. */
    static Map.Entry<ExitCode, String> print(Console console, boolean json, String command, DryRun.Outcome outcome,
                                             java.util.function.Function<Object, Map.Entry<ExitCode, String>> refusal) {
        ExitCode code = ExitCode.OK;
        String error = null;
        if (outcome instanceof DryRun.Outcome.Invalid i) {
            code = ExitCode.VALIDATION;
            error = i.source() + ":" + i.line() + ": the server refused the statement: " + i.message();
        } else if (outcome instanceof DryRun.Outcome.Refused r) {
            Map.Entry<ExitCode, String> refused = refusal.apply(r.result());
            code = refused.getKey();
            error = refused.getValue();
        }
        if (json) {
            Map<String, Object> doc = JsonOutput.envelope(command, code, error);
            doc.put("dryRun", true);
            List<Map<String, Object>> units = new ArrayList<>();
            for (DryRun.PlannedUnit u : outcome.plan()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("version", u.version().text());
                m.put("description", u.description());
                m.put("type", u.type());
                m.put("source", u.source());
                m.put("transactionMode", u.transactionMode());
                m.put("statements", u.statements());
                m.put("rollback", u.rollback());
                m.put("inspectable", u.inspectable());
                units.add(m);
            }
            doc.put("plan", units);
            JsonOutput.print(console.out(), doc);
        } else {
            if (outcome.plan().isEmpty() && code == ExitCode.OK) {
                console.out().println("dry run: nothing to do");
            }
            for (DryRun.PlannedUnit u : outcome.plan()) {
                console.out().printf("would run %s %s (%s, %s) from %s%n", u.version(), u.description(), u.type(),
                        u.transactionMode(), u.source());
                if (!u.inspectable()) {
                    console.out().println("    (Java unit: not inspectable)");
                }
                for (String s : u.statements()) {
                    console.out().println("    " + s.strip().replace("\n", "\n    ") + ";");
                }
                console.out().println("    rollback: " + u.rollback());
            }
            if (code == ExitCode.OK) {
                console.out().println("dry run: every statement was accepted by the server's planner; nothing was written");
            }
            console.out().flush();
        }
        return Map.entry(code, error == null ? "" : error);
    }
}
