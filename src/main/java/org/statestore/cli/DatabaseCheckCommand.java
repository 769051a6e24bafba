package org.statestore.cli;

import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.alchemiscale.CheckReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code statestore database check}: alchemiscale's consistency rule, exactly. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the database exactly as alchemiscale's 'database check' does. Writes nothing.",
                "SHOW CONSTRAINTS must list exactly four, alchemiscale's, each with its name, label and property "
                + "(the type is not compared). statestore's history and pending units play no part: see "
                + "'database doctor'.",
                "Prints one line per problem with its fix and exits 6, or '" + DatabaseFindings.CHECK_OK
                        + "' and exits 0."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore database check", "  statestore database check --output json"})
final class DatabaseCheckCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    DatabaseCheckCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        StatestoreConfig config = StatestoreConfig.builder().connection(connection.settings(console, ConnectionOptions.ImplicitStore.EXISTING_ONLY))
                .log(console::log).build();
        CheckReport report;
        try (Statestore store = Statestore.open(config)) {
            report = store.alchemiscale().check();
        }
        ExitCode code = report.ok() ? ExitCode.OK : ExitCode.VALIDATION;
        if (output.json()) {
            var doc = JsonOutput.envelope(commandName(), code,
                    report.ok() ? null : report.findings().size() + " problem(s) found");
            doc.put("findings", report.findings());
            JsonOutput.print(console.out(), doc);
        } else {
            report.findings().forEach(console.out()::println);
            if (report.ok()) {
                console.out().println(DatabaseFindings.CHECK_OK);
            }
            console.out().flush();
        }
        if (!report.ok()) {
            console.error("database check failed: " + report.findings().size() + " problem(s)");
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
