package org.statestore.cli;

import picocli.CommandLine.Command;

/** The parent of alchemiscale's {@code database} verbs, spelled as alchemiscale's CLI spells them. */
@Command(name = "database", mixinStandardHelpOptions = true,
        description = "alchemiscale's database commands: init, check, reset, and the manual's migrations; "
                + "doctor (what an alchemiscale release cannot read) and expire-registrations.",
        subcommands = {DatabaseInitCommand.class, DatabaseCheckCommand.class, DatabaseDoctorCommand.class,
                DatabaseExpireRegistrationsCommand.class, DatabaseResetCommand.class, DatabaseMigrateCommand.class})
final class DatabaseCommand {
}
