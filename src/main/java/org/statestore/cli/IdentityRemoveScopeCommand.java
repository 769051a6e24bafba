package org.statestore.cli;

import org.statestore.identity.IdentityStore;

import picocli.CommandLine.Command;

/** {@code statestore identity remove-scope}: takes scopes away from an identity. */
@Command(name = "remove-scope", mixinStandardHelpOptions = true,
        description = {"Take one or more scopes (-s, repeatable) away from an identity. Scopes it does not have are "
                + "reported, not errors.",
                "Every scope is checked first: one bad scope stops the command (exit 2) and nothing is written. "
                        + "All scopes of one call are written in one transaction."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity remove-scope -t user -i alice -s acme-tyk2_2023-fep_round1"})
final class IdentityRemoveScopeCommand extends ScopeEditCommand {

    IdentityRemoveScopeCommand(Console console) {
        super(console, IdentityStore::removeScopes, IdentityReports.ScopeWords.REMOVE);
    }
}
