package org.statestore.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.identity.ApiKey;
import org.statestore.identity.Identity;
import org.statestore.identity.IdentityNotFound;
import org.statestore.identity.IdentityType;
import org.statestore.identity.TokenLogin;
import org.statestore.identity.Verification;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
final class IdentityVerifyCommand implements Callable<Integer>, Reporting {

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

    IdentityVerifyCommand(Console console) {
        this.console = console;
        this.terminal = Terminal.of(console);
    }

    @Override
    public Integer call() {
        IdentityType t = type.type();
        String identifier = id.identifier();
        ApiKey apiKey = key.require(console, terminal);
        Verification result;
        try (Statestore store = IdentityOutput.open(connection, console)) {
            result = store.identities().verify(t, identifier, apiKey);
        }
        String name = IdentityOutput.name(t, identifier);
        if (result instanceof IdentityNotFound) {
            return IdentityOutput.fail(console, this, ExitCode.NOT_FOUND, "no " + name, t, identifier);
        }
        boolean matches = result instanceof Verification.Matched;
        Identity identity = matches ? ((Verification.Matched) result).identity()
                : ((Verification.Mismatched) result).identity();
        String error = matches ? null : "authentication failed: the key does not match " + name;
        List<String> warnings = new ArrayList<>();
        if (matches && identity.disabled()) {
            warnings.add(name + " is disabled, but alchemiscale's /token does not read 'disabled', so the API "
                    + "still accepts this key (remove the identity or replace its key to lock it out)");
        }
        if (matches) {
            TokenLogin.whyRefused(identifier).ifPresent(why -> warnings.add("the key matches " + name + ", but " + why));
        }
        ExitCode code = matches ? ExitCode.OK : ExitCode.AUTHENTICATION;
        if (output.json()) {
            Map<String, Object> doc = IdentityOutput.envelope(commandName(), code, error, t, identifier);
            doc.put("matches", matches);
            doc.put("disabled", identity.disabled());
            doc.put("warnings", warnings);
            JsonOutput.print(console.out(), doc);
        } else if (matches) {
            console.out().println("the key matches " + name);
            console.out().flush();
        }
        warnings.forEach(console::warn);
        if (error != null) {
            console.error(error);
        }
        return code.code();
    }

    @Override
    public String commandName() {
        return "identity verify";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
