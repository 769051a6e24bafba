package org.statestore.cli;

import org.statestore.Statestore;

import picocli.CommandLine.Command;

/** {@code statestore database check}: alchemiscale's consistency rule, exactly. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the database exactly as alchemiscale's 'database check' does. Writes nothing.",
                "SHOW CONSTRAINTS must list exactly four, alchemiscale's, each with its name, label and property "
                + "(the type is not compared). statestore's history and pending units play no part: see "
                + "'database doctor'.",
                "Prints one line per problem with its fix and exits 6, or '" + DatabaseReports.CHECK_OK
                        + "' and exits 0."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore database check", "  statestore database check --output json"})
final class DatabaseCheckCommand extends StoreCommand {

    DatabaseCheckCommand(Console console) {
        super(console);
    }

    @Override
    Report report(Statestore store) {
        return DatabaseReports.check(store.alchemiscale().check());
    }
}
