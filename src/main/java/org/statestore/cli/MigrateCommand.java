package org.statestore.cli;

import picocli.CommandLine.Command;

/** The parent of the migration verbs. */
@Command(name = "migrate", description = "Apply and audit versioned units (Cypher scripts and Java classes).",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate up", "  statestore migrate info --location ./units",
                "  statestore migrate import --from neo4j-migrations"},
        subcommands = {MigrateUpCommand.class, MigrateInfoCommand.class, MigrateStatusCommand.class,
                MigrateAwaitCommand.class, MigrateBaselineCommand.class, MigrateUndoCommand.class,
                MigrateValidateCommand.class, MigrateRepairCommand.class, MigrateImportCommand.class})
final class MigrateCommand {
}
