package org.statestore.cli;

import java.util.List;

import org.statestore.identity.IdentityStore;
import org.statestore.identity.IdentityType;
import org.statestore.identity.Scope;
import org.statestore.identity.ScopeChange;

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
        super(console);
    }

    @Override
    ScopeChange edit(IdentityStore identities, IdentityType type, String identifier, List<Scope> scopes) {
        return identities.removeScopes(type, identifier, scopes);
    }

    @Override
    IdentityReports.ScopeWords words() {
        return IdentityReports.ScopeWords.REMOVE;
    }
}
