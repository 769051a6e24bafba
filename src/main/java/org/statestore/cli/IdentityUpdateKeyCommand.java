package org.statestore.cli;

import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.identity.ApiKey;
import org.statestore.identity.IdentityType;

import picocli.CommandLine.Command;

/** {@code statestore identity update-key}: key rotation that keeps the identity's scopes. */
@Command(name = "update-key", mixinStandardHelpOptions = true,
        description = {"Replace an identity's key, keeping its scopes; the old key stops working at once. "
                + "An unknown identity is an error (exit 10).",
                "Without a key (no -k, --key-file, --key-stdin or STATESTORE_KEY) a random key is generated and "
                        + "printed once."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity update-key -t user -i alice --key-file ./alice.key",
                "  statestore identity update-key -t compute -i gpu-cluster-01   # prints a new generated key"})
final class IdentityUpdateKeyCommand extends IdentityKeyCommand {

    IdentityUpdateKeyCommand(Console console) {
        super(console);
    }

    @Override
    Report report(Statestore store, ApiKey key, Optional<ApiKey> generated) {
        IdentityType t = type.type();
        return IdentityReports.keyUpdate(t, identifier, store.identities().updateKey(t, identifier, key), generated);
    }
}
