package org.statestore.cli;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.identity.Identity;
import org.statestore.identity.IdentityType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code statestore identity list-scope}: the scopes of one identity. */
@Command(name = "list-scope", mixinStandardHelpOptions = true,
        description = "Print an identity's scopes, one per line. An unknown identity is an error (exit 10). "
                + "Writes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity list-scope -t user -i alice",
                "  statestore identity list-scope -t compute -i gpu-cluster-01 --output json"})
final class IdentityListScopeCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    IdentityTypeOption type;

    @Mixin
    IdentityIdOption id;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    IdentityListScopeCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        IdentityType t = type.type();
        String identifier = id.identifier();
        Optional<Identity> found;
        try (Statestore store = IdentityOutput.open(connection, console)) {
            found = store.identities().find(t, identifier);
        }
        String name = IdentityOutput.name(t, identifier);
        if (found.isEmpty()) {
            return IdentityOutput.fail(console, this, ExitCode.NOT_FOUND, "no " + name, t, identifier);
        }
        if (output.json()) {
            Map<String, Object> doc = IdentityOutput.envelope(commandName(), ExitCode.OK, null, t, identifier);
            doc.put("scopes", found.get().scopes());
            JsonOutput.print(console.out(), doc);
        } else {
            found.get().scopes().forEach(console.out()::println);
            console.out().flush();
            if (found.get().scopes().isEmpty()) {
                console.log(name + " has no scopes");
            }
        }
        return ExitCode.OK.code();
    }

    @Override
    public String commandName() {
        return "identity list-scope";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
