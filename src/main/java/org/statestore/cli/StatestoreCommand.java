package org.statestore.cli;

import picocli.CommandLine.Command;

/** The top-level {@code statestore} command. */
@Command(name = "statestore", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Versioned migrations and operations for a Neo4j state store (alchemiscale first).",
        subcommands = {MigrateCommand.class, ServerCommand.class, IdentityCommand.class, DatabaseCommand.class,
                DevCommand.class, UpgradeCommand.class, BackupCommand.class, GenerateCompletionCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate up",
                "  NEO4J_URL=bolt://db:7687 NEO4J_USER=neo4j NEO4J_PASS=secret statestore migrate info",
                "  source <(statestore generate-completion)",
                "",
                "Environment:",
                "  NO_COLOR   set to any value: no colours (colours are only used on a terminal anyway)",
                "  NEO4J_URL, NEO4J_USER, NEO4J_PASS, NEO4J_DBNAME   the target database (as alchemiscale uses them)",
                "  without NEO4J_URL every command uses the embedded store in --data-dir (./statestore-data)",
                "",
                "Exit codes:"})
final class StatestoreCommand {
}
