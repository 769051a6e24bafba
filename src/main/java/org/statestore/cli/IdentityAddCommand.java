package org.statestore.cli;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.identity.AddResult;
import org.statestore.identity.ApiKey;
import org.statestore.identity.Identity;
import org.statestore.identity.IdentityType;
import org.statestore.identity.TokenLogin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
final class IdentityAddCommand implements Callable<Integer>, Reporting {

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

    IdentityAddCommand(Console console) {
        this.console = console;
        this.terminal = Terminal.of(console);
    }

    @Override
    public Integer call() {
        IdentityType t = type.type();
        String identifier = id.given();
        String name = IdentityOutput.name(t, identifier);
        // Before the key is read and the database opened: the refusal is then the only line printed.
        Optional<String> unusable = TokenLogin.whyRefused(identifier);
        if (unusable.isPresent()) {
            return IdentityOutput.fail(console, this, ExitCode.USAGE, "cannot add " + name + ": " + unusable.get()
                    + "; nothing was written", t, identifier);
        }
        Optional<ApiKey> given = key.read(console, terminal);
        ApiKey apiKey = given.orElseGet(() -> ApiKey.generate(new SecureRandom()));
        AddResult result;
        try (Statestore store = IdentityOutput.open(connection, console)) {
            result = store.identities().add(t, identifier, apiKey);
        }
        if (result instanceof AddResult.AlreadyExists) {
            String error = name + " already exists and was not changed; to replace its key use "
                    + "'statestore identity update-key', to change its scopes use add-scope or remove-scope";
            return IdentityOutput.fail(console, this, ExitCode.EXISTS, error, t, identifier);
        }
        boolean existed = result instanceof AddResult.AlreadyExistsWithKey;
        Identity identity = existed ? ((AddResult.AlreadyExistsWithKey) result).existing()
                : ((AddResult.Added) result).identity();
        // A generated key never matches an existing hash, so a generated key is always a new identity's.
        boolean generated = given.isEmpty();
        if (output.json()) {
            Map<String, Object> doc = IdentityOutput.envelope(commandName(), ExitCode.OK, null, t, identifier);
            doc.put("alreadyExisted", existed);
            doc.put("identity", IdentityOutput.json(identity));
            if (generated && !existed) {
                doc.put("generatedKey", apiKey.reveal());
            }
            JsonOutput.print(console.out(), doc);
        } else if (existed) {
            console.out().println(name + " already exists with this key; nothing was changed (scopes: "
                    + IdentityOutput.scopeList(identity.scopes()) + ")");
            console.out().flush();
        } else {
            console.out().println("added " + name + " with no scopes (grant them with 'statestore identity add-scope')");
            if (generated) {
                IdentityOutput.printGeneratedKey(console, apiKey);
            }
            console.out().flush();
        }
        return ExitCode.OK.code();
    }

    @Override
    public String commandName() {
        return "identity add";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
