package org.statestore.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.InfoReport;
import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.migrate.Readiness;
import org.statestore.migrate.Version;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate status}: a one-line summary for people, and a gate for readiness checks and CI. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Summarise where the database stands: current version, pending, failed and running units. "
                + "Takes no lock and writes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate status", "  statestore migrate status --check   # exit 8 while units are pending"})
final class MigrateStatusCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    UnitOptions units;

    @Mixin
    OutputOptions output;

    @Option(names = "--check", description = "Exit 8 when units are pending or running, 7 when one failed.")
    boolean check;

    MigrateStatusCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        StatestoreConfig config = units.applyTo(StatestoreConfig.builder(), console)
                .connection(connection.settings(console)).log(console::log).build();
        InfoReport report;
        try (Statestore store = Statestore.open(config)) {
            report = store.info();
        }
        Readiness readiness = report.readiness();
        List<String> pending = texts(readiness.pending());
        List<String> running = texts(readiness.running());
        List<String> failed = texts(readiness.failed());
        ExitCode code = ExitCode.OK;
        String error = null;
        if (check && readiness.verdict() == Readiness.Verdict.FAILED) {
            code = ExitCode.UNIT_FAILED;
            error = "failed units: " + String.join(", ", failed);
        } else if (check && readiness.verdict() == Readiness.Verdict.PENDING) {
            code = ExitCode.PENDING;
            error = (pending.size() + running.size()) + " units not applied yet";
        }
        String current = report.current().map(Version::text).orElse(null);
        if (output.json()) {
            Map<String, Object> doc = JsonOutput.envelope(commandName(), code, error);
            doc.put("current", current);
            doc.put("pending", pending);
            doc.put("running", running);
            doc.put("failed", failed);
            JsonOutput.print(console.out(), doc);
        } else {
            Map<String, List<String>> parts = new LinkedHashMap<>();
            parts.put("pending", pending);
            parts.put("running", running);
            parts.put("failed", failed);
            StringBuilder line = new StringBuilder(current == null ? "no version applied" : "at version " + current);
            parts.forEach((k, v) -> line.append("; ").append(v.size()).append(' ').append(k)
                    .append(v.isEmpty() ? "" : " (" + String.join(", ", v) + ")"));
            console.out().println(line);
            console.out().flush();
        }
        if (error != null) {
            console.error(error);
        }
        return code.code();
    }

    private static List<String> texts(List<Version> versions) {
        return versions.stream().map(Version::text).toList();
    }

    @Override
    public String commandName() {
        return "migrate status";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
