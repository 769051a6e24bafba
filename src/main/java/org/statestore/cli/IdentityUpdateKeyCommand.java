package org.statestore.cli;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.identity.ApiKey;
import org.statestore.identity.IdentityNotFound;
import org.statestore.identity.IdentityType;
import org.statestore.identity.KeyUpdate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code statestore identity update-key}: key rotation that keeps the identity's scopes. */
@Command(name = "update-key", mixinStandardHelpOptions = true,
        description = {"Replace an identity's key, keeping its scopes; the old key stops working at once. "
                + "An unknown identity is an error (exit 10).",
                "Without a key (no -k, --key-file, --key-stdin or STATESTORE_KEY) a random key is generated and "
                        + "printed once."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity update-key -t user -i alice --key-file ./alice.key",
                "  statestore identity update-key -t compute -i gpu-cluster-01   # prints a new generated key"})
final class IdentityUpdateKeyCommand implements Callable<Integer>, Reporting {

    private final Console console;
    private final Terminal terminal;

    @Mixin
    IdentityTypeOption type;

    @Mixin
    IdentityIdOption id;

    @Mixin
    IdentityKeyOptions key;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    IdentityUpdateKeyCommand(Console console) {
        this.console = console;
        this.terminal = Terminal.of(console);
    }

    @Override
    public Integer call() {
        IdentityType t = type.type();
        String identifier = id.identifier();
        Optional<ApiKey> given = key.read(console, terminal);
        ApiKey apiKey = given.orElseGet(() -> ApiKey.generate(new SecureRandom()));
        KeyUpdate result;
        try (Statestore store = IdentityOutput.open(connection, console)) {
            result = store.identities().updateKey(t, identifier, apiKey);
        }
        String name = IdentityOutput.name(t, identifier);
        if (result instanceof IdentityNotFound) {
            return IdentityOutput.fail(console, this, ExitCode.NOT_FOUND, "no " + name + "; no key was changed "
                    + "(create it with 'statestore identity add')", t, identifier);
        }
        KeyUpdate.Updated updated = (KeyUpdate.Updated) result;
        boolean generated = given.isEmpty();
        if (output.json()) {
            Map<String, Object> doc = IdentityOutput.envelope(commandName(), ExitCode.OK, null, t, identifier);
            doc.put("identity", IdentityOutput.json(updated.identity()));
            if (generated) {
                doc.put("generatedKey", apiKey.reveal());
            }
            JsonOutput.print(console.out(), doc);
        } else {
            console.out().println("replaced the key of " + name + "; scopes kept: "
                    + IdentityOutput.scopeList(updated.identity().scopes()));
            if (generated) {
                IdentityOutput.printGeneratedKey(console, apiKey);
            }
            console.out().flush();
        }
        return ExitCode.OK.code();
    }

    @Override
    public String commandName() {
        return "identity update-key";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
