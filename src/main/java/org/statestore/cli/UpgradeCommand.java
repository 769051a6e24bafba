package org.statestore.cli;

import picocli.CommandLine.Command;

/** The parent of the store-upgrade verbs. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Upgrade an alchemiscale v0.3 store on Neo4j 4.4 to Neo4j 5 and the current schema, in one command.",
        subcommands = {UpgradeStoreCommand.class, UpgradeCheckCommand.class})
final class UpgradeCommand {
}
