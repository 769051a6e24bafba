package org.statestore.cli;

import picocli.CommandLine.Command;

/** The parent of the migration verbs. */
@Command(name = "migrate", description = "Apply and audit versioned units (Cypher scripts and Java classes).",
        mixinStandardHelpOptions = true,
        subcommands = {MigrateUpCommand.class, MigrateInfoCommand.class, MigrateStatusCommand.class,
                MigrateAwaitCommand.class, MigrateBaselineCommand.class, MigrateUndoCommand.class,
                MigrateValidateCommand.class, MigrateRepairCommand.class, MigrateImportCommand.class})
final class MigrateCommand {
}
