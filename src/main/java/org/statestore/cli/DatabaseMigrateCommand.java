package org.statestore.cli;

import picocli.CommandLine.Command;

/** {@code statestore database migrate}: the migrations alchemiscale's operations manual names. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "The schema migrations named in alchemiscale's operations manual, as statestore units.",
        subcommands = {DatabaseMigrateV03ToV04Command.class})
final class DatabaseMigrateCommand {
}
