package org.statestore.cli;

import org.statestore.Statestore;
import org.statestore.identity.IdentityType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code statestore identity list}: every identity of one type, sorted by identifier. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the identities of one type, sorted by identifier, with their scopes. Writes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity list", "  statestore identity list -t compute --output json"})
final class IdentityListCommand extends StoreCommand {

    @Mixin
    IdentityTypeOption type;

    IdentityListCommand(Console console) {
        super(console);
    }

    @Override
    Report report(Statestore store) {
        IdentityType t = type.type();
        return IdentityReports.list(t, store.identities().list(t));
    }

    @Override
    boolean needsNeo4j5() {
        return false; // identities only: alchemiscale v0.3's operators use them on Neo4j 4.4
    }
}
