package org.statestore.cli;

import org.statestore.identity.IdentityStore;

import picocli.CommandLine.Command;

/** {@code statestore identity add-scope}: grants scopes to an identity. */
@Command(name = "add-scope", mixinStandardHelpOptions = true,
        description = {"Grant one or more scopes (-s, repeatable) to an identity. Scopes it already has are reported, "
                + "not errors.",
                "Every scope is checked first: one bad scope stops the command (exit 2) and nothing is written. "
                        + "All scopes of one call are written in one transaction."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity add-scope -t user -i alice -s acme-tyk2_2023-fep_round1 -s 'openff-*-*'",
                "  statestore identity add-scope -t compute -i gpu-cluster-01 -s '*-*-*'"})
final class IdentityAddScopeCommand extends ScopeEditCommand {

    IdentityAddScopeCommand(Console console) {
        super(console, IdentityStore::addScopes, IdentityReports.ScopeWords.ADD);
    }
}
