package org.statestore.cli;

import picocli.CommandLine.Option;

/** {@code -i/--identifier ID}: the identity's name, stored and matched exactly as given. */
final class IdentityIdOption {

    @Option(names = {"-i", "--identifier"}, paramLabel = "ID", required = true,
            description = "The identity's identifier, used exactly as given (any characters).")
    String identifier;

    String identifier() {
        if (identifier == null || identifier.isEmpty()) {
            throw new UsageException("-i/--identifier must not be empty");
        }
        return identifier;
    }

    /** The identifier exactly as given, possibly empty, for a command that explains its own refusal. */
    String given() {
        return identifier == null ? "" : identifier;
    }
}
