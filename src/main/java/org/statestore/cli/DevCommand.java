package org.statestore.cli;

import picocli.CommandLine.Command;

/** {@code statestore dev}: tools for developing and benchmarking statestore, never for production stores. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "DEVELOPMENT TOOLS (tests and benchmarks only; never point them at a production store).",
        subcommands = {DevSeedCommand.class})
final class DevCommand {
}
