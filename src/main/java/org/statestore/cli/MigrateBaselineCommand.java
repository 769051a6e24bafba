package org.statestore.cli;

import java.util.concurrent.Callable;

import org.statestore.BaselineResult;
import org.statestore.Statestore;
import org.statestore.StatestoreConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate baseline}: marks an unversioned database as being at a version. */
// No standard help mixin: its -V/--version would take the --version this command needs.
@Command(name = "baseline",
        description = "Record that a database statestore has never migrated already holds every unit up to "
                + "--version; older units are then skipped. Refused when the database has a history chain.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate baseline --version 0.3.0"})
final class MigrateBaselineCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    UnitOptions units;

    @Mixin
    OutputOptions output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "VERSION", required = true, description = "The version the database is at.")
    String version;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "baseline",
            description = "Recorded with the entry. Default: ${DEFAULT-VALUE}.")
    String description;

    MigrateBaselineCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        var v = MigrateUpCommand.parseVersion(version);
        StatestoreConfig config = units.applyTo(StatestoreConfig.builder(), console)
                .connection(connection.settings(console)).log(console::log).build();
        BaselineResult result;
        try (Statestore store = Statestore.open(config)) {
            result = store.baseline(v, description);
        }
        ExitCode code = result instanceof BaselineResult.Recorded ? ExitCode.OK : ExitCode.REFUSED;
        String error = result instanceof BaselineResult.Refused r ? r.reason() : null;
        if (output.json()) {
            var doc = JsonOutput.envelope(commandName(), code, error);
            doc.put("baseline", v.text());
            JsonOutput.print(console.out(), doc);
        } else if (error == null) {
            console.out().println("baselined at " + v.text());
            console.out().flush();
        }
        if (error != null) {
            console.error(error);
        }
        return code.code();
    }

    @Override
    public String commandName() {
        return "migrate baseline";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
