package org.statestore.cli;

import org.statestore.Statestore;
import org.statestore.migrate.UnitFilter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate info}: every known unit and where it stands, without writing anything. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show every known unit (local or recorded) with its state, time and checksum match; repeatable "
                + "units (version R) after the versioned ones; runs imported from neo4j-migrations show checksum "
                + "'imported' (never compared). Writes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate info", "  statestore migrate info --output json | jq '.units[].state'"})
final class MigrateInfoCommand extends UnitMigrationCommand {

    @Mixin
    UnitFilterOptions only;

    @Option(names = "--target", paramLabel = "VERSION", description = "Show units beyond VERSION as above-target "
            + "('latest': the newest unit). A version that names no local or recorded unit fails (exit 6).")
    String target;

    private UnitFilter filter;

    MigrateInfoCommand(Console console) {
        super(console);
    }

    @Override
    void prepare() {
        filter = only.filter();
        UpCommand.checkTarget(target);
    }

    @Override
    Report report(Statestore store) {
        return InfoReports.info(store.info(UpCommand.resolveTarget(target, store.units())).only(filter));
    }
}
