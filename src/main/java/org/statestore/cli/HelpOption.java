package org.statestore.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} without the standard help mixin's {@code -V/--version}, for the commands that need a
 * {@code --version} of their own.
 */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
