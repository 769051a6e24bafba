package org.statestore.cli;

import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.identity.Identity;
import org.statestore.identity.IdentityType;

import picocli.CommandLine.Command;

/** {@code statestore identity list-scope}: the scopes of one identity. */
@Command(name = "list-scope", mixinStandardHelpOptions = true,
        description = "Print an identity's scopes, one per line. An unknown identity is an error (exit 10). "
                + "Writes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity list-scope -t user -i alice",
                "  statestore identity list-scope -t compute -i gpu-cluster-01 --output json"})
final class IdentityListScopeCommand extends IdentityTargetCommand {

    IdentityListScopeCommand(Console console) {
        super(console);
    }

    @Override
    Report report(Statestore store) {
        IdentityType t = type.type();
        Optional<Identity> found = store.identities().find(t, identifier);
        if (!json()) {
            // A log line, as before: stdout holds only scopes, so a script reading it sees none.
            IdentityReports.noScopesNote(found).ifPresent(console::log);
        }
        return IdentityReports.scopes(t, identifier, found);
    }
}
