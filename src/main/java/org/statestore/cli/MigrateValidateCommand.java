package org.statestore.cli;

import org.statestore.Statestore;
import org.statestore.migrate.UpOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statestore migrate validate}: do the local units agree with the chain? */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare local units with the history chain: units edited after they were applied, applied "
                + "units missing locally, pending units older than the newest applied one. One line per finding, "
                + "exit 6 on any. Units applied by a newer release are a warning unless --strict. Writes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate validate", "  statestore migrate validate --strict --output json"})
final class MigrateValidateCommand extends UnitMigrationCommand {

    @Option(names = "--strict", description = "Units applied by a newer release are problems, not warnings.")
    boolean strict;

    @Option(names = "--out-of-order", description = "Pending units older than the newest applied one are allowed.")
    boolean outOfOrder;

    MigrateValidateCommand(Console console) {
        super(console);
    }

    @Override
    Report report(Statestore store) {
        return MigrateReports.validation(store.validate(new UpOptions(strict, outOfOrder)));
    }
}
