package org.statestore.cli;

import org.statestore.Statestore;
import org.statestore.migrate.Version;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate baseline}: marks an unversioned database as being at a version. */
@Command(name = "baseline",
        description = "Record that a database statestore has never migrated already holds every unit up to "
                + "--version; older units are then skipped. Refused when the database has a history chain.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate baseline --version 0.3.0"})
final class MigrateBaselineCommand extends UnitMigrationCommand {

    @Mixin
    HelpOption help;

    @Option(names = "--version", paramLabel = "VERSION", required = true, description = "The version the database is at.")
    String version;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "baseline",
            description = "Recorded with the entry. Default: ${DEFAULT-VALUE}.")
    String description;

    private Version baseline;

    MigrateBaselineCommand(Console console) {
        super(console);
    }

    @Override
    void prepare() {
        baseline = parseVersion(version);
    }

    @Override
    Report report(Statestore store) {
        return MigrateReports.baseline(store.baseline(baseline, description), baseline);
    }
}
