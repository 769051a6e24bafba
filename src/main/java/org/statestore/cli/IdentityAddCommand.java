package org.statestore.cli;

import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.identity.ApiKey;
import org.statestore.identity.IdentityType;

import picocli.CommandLine.Command;

/** {@code statestore identity add}: creates an identity; never overwrites one, and reruns with the same key succeed. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Create an identity with a key and no scopes. An existing identity is never changed: when the "
                + "key given already matches it, add reports that and exits 0 (so provisioning can rerun); otherwise "
                + "it exits 9 (replace its key with update-key).",
                "Without a key (no -k, --key-file, --key-stdin or STATESTORE_KEY) a random key is generated and "
                        + "printed once.",
                "An identifier holding ' or \\, or an empty one, is refused (exit 2): alchemiscale's /token pastes "
                        + "the identifier unescaped into its Cypher query, which a ' breaks and a \\ can break or "
                        + "redirect, so such an identity could not log in reliably."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity add -t user -i alice -k <user key>",
                "  statestore identity add -t compute -i gpu-cluster-01 --key-file ./compute.key",
                "  statestore identity add -i alice -o json   # no key given: prints generatedKey"})
final class IdentityAddCommand extends IdentityKeyCommand {

    IdentityAddCommand(Console console) {
        super(console);
    }

    @Override
    Optional<Report> refusal() {
        // Before the key is read and the database opened: the refusal is then the only line printed.
        return IdentityReports.addRefusal(type.type(), id.given());
    }

    @Override
    Report report(Statestore store, ApiKey key, Optional<ApiKey> generated) {
        IdentityType t = type.type();
        return IdentityReports.add(t, identifier, store.identities().add(t, identifier, key), generated);
    }
}
