package org.statestore.cli;

import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.migrate.Repair;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statestore migrate repair}: explicit fixes to the chain, one at a time, each printed. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Fix the history chain, explicitly: without options, mark every failed unit for retry by the "
                + "next 'migrate up'; --accept-checksum records an edited unit's new checksum; --forget retires the "
                + "entry of a deliberately deleted unit (kept for audit). Prints every change; takes the lock; never "
                + "touches data."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate repair", "  statestore migrate repair --accept-checksum 0.4.0",
                "  statestore migrate repair --forget 0.2.0"})
final class MigrateRepairCommand extends LeasedMigrationCommand {

    @Option(names = "--accept-checksum", paramLabel = "VERSION", description = "Record this edited unit's new checksum.")
    String acceptChecksum;

    @Option(names = "--forget", paramLabel = "VERSION", description = "Retire the entry of this deleted unit.")
    String forget;

    private Repair.Request request;

    MigrateRepairCommand(Console console) {
        super(console);
    }

    @Override
    void prepare() {
        request = new Repair.Request(Optional.ofNullable(acceptChecksum).map(MigrationCommand::parseVersion),
                Optional.ofNullable(forget).map(MigrationCommand::parseVersion));
    }

    @Override
    Report report(Statestore store) {
        return MigrateReports.repair(store.repair(request));
    }
}
