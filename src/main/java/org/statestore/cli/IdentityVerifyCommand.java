package org.statestore.cli;

import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.identity.ApiKey;
import org.statestore.identity.IdentityType;

import picocli.CommandLine.Command;

/** {@code statestore identity verify}: does this key open this identity, as alchemiscale's API would check it? */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a key against an identity's stored bcrypt hash, as alchemiscale's API does. "
                + "Exit 0: it matches; exit 4: it does not; exit 10: no such identity.",
                "alchemiscale's /token does not read 'disabled', so the API accepts a disabled identity's key: "
                        + "verify exits 0 for it too, with a warning. It warns as well when /token may not find "
                        + "the identifier (one holding ' or \\).",
                "The key comes from --key-stdin, --key-file, STATESTORE_KEY or -k."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity verify -t user -i alice --key-stdin < alice.key",
                "  STATESTORE_KEY=... statestore identity verify -t compute -i gpu-cluster-01"})
final class IdentityVerifyCommand extends IdentityKeyCommand {

    IdentityVerifyCommand(Console console) {
        super(console);
    }

    @Override
    ApiKey keyWhenNoneGiven() {
        throw IdentityKeyOptions.noKeyGiven();
    }

    @Override
    Report report(Statestore store, ApiKey key, Optional<ApiKey> generated) {
        IdentityType t = type.type();
        return IdentityReports.verification(t, identifier, store.identities().verify(t, identifier, key));
    }
}
