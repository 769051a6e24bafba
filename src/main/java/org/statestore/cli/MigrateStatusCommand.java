package org.statestore.cli;

import org.statestore.Statestore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statestore migrate status}: a one-line summary for people, and a gate for readiness checks and CI. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Summarise where the database stands: current version, pending, failed and running units. "
                + "Takes no lock and writes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate status", "  statestore migrate status --check   # exit 8 while units are pending"})
final class MigrateStatusCommand extends UnitMigrationCommand {

    @Option(names = "--check", description = "Exit 8 when units are pending or running, 7 when one failed.")
    boolean check;

    MigrateStatusCommand(Console console) {
        super(console);
    }

    @Override
    Report report(Statestore store) {
        return InfoReports.status(store.info(), check);
    }
}
