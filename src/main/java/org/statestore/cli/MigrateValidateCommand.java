package org.statestore.cli;

import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.ValidationReport;
import org.statestore.migrate.UpOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate validate}: do the local units agree with the chain? */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare local units with the history chain: units edited after they were applied, applied "
                + "units missing locally, pending units older than the newest applied one. One line per finding, "
                + "exit 6 on any. Units applied by a newer release are a warning unless --strict. Writes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate validate", "  statestore migrate validate --strict --output json"})
final class MigrateValidateCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    UnitOptions units;

    @Mixin
    OutputOptions output;

    @Option(names = "--strict", description = "Units applied by a newer release are problems, not warnings.")
    boolean strict;

    @Option(names = "--out-of-order", description = "Pending units older than the newest applied one are allowed.")
    boolean outOfOrder;

    MigrateValidateCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        StatestoreConfig config = units.applyTo(StatestoreConfig.builder(), console)
                .connection(connection.settings(console)).log(console::log).build();
        ValidationReport report;
        try (Statestore store = Statestore.open(config)) {
            report = store.validate(new UpOptions(strict, outOfOrder));
        }
        ExitCode code = report.ok() ? ExitCode.OK : ExitCode.VALIDATION;
        if (output.json()) {
            var doc = JsonOutput.envelope(commandName(), code,
                    report.ok() ? null : report.problems().size() + " problems");
            doc.put("problems", report.problems());
            doc.put("warnings", report.warnings());
            JsonOutput.print(console.out(), doc);
        } else {
            report.problems().forEach(console.out()::println);
            report.warnings().forEach(w -> console.out().println("warning: " + w));
            if (report.ok()) {
                console.out().println("valid: local units agree with the history chain");
            }
            console.out().flush();
        }
        return code.code();
    }

    @Override
    public String commandName() {
        return "migrate validate";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
