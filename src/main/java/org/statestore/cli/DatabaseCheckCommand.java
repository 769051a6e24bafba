package org.statestore.cli;

import java.util.concurrent.Callable;

import org.statestore.InfoReport;
import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.alchemiscale.CheckReport;
import org.statestore.alchemiscale.StoreCheck;
import org.statestore.migrate.Version;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code statestore database check}: alchemiscale's consistency rule plus an intact, fully applied history. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the database the way alchemiscale's 'database check' does (exactly its four "
                + "uniqueness constraints, by name, label and property) and that statestore's history chain is "
                + "intact with no unit pending, running, failed or changed. Writes nothing.",
                "Prints one line per problem and exits 6, or one 'ok' line and exits 0."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore database check", "  statestore database check --output json"})
final class DatabaseCheckCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    UnitOptions units;

    @Mixin
    OutputOptions output;

    DatabaseCheckCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        StatestoreConfig config = units.applyTo(StatestoreConfig.builder(), console)
                .connection(connection.settings(console)).log(console::log).build();
        CheckReport report;
        InfoReport info;
        try (Statestore store = Statestore.open(config)) {
            info = store.info();
            report = new StoreCheck(store.target().driver(), store.target().sessionConfig()).check(info.units());
        }
        ExitCode code = report.ok() ? ExitCode.OK : ExitCode.VALIDATION;
        String at = info.current().map(Version::text).orElse(null);
        if (output.json()) {
            var doc = JsonOutput.envelope(commandName(), code,
                    report.ok() ? null : report.findings().size() + " problem(s) found");
            doc.put("findings", report.findings());
            doc.put("current", at);
            JsonOutput.print(console.out(), doc);
        } else {
            report.findings().forEach(console.out()::println);
            if (report.ok()) {
                console.out().println("ok: alchemiscale's four constraints, history chain intact, nothing pending"
                        + (at == null ? "" : " (database is at version " + at + ")"));
            }
            console.out().flush();
            if (!report.ok()) {
                console.error("database check failed: " + report.findings().size() + " problem(s)");
            }
        }
        return code.code();
    }

    @Override
    public String commandName() {
        return "database check";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
