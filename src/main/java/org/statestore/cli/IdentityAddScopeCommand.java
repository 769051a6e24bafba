package org.statestore.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.identity.IdentityNotFound;
import org.statestore.identity.IdentityType;
import org.statestore.identity.Scope;
import org.statestore.identity.ScopeChange;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code statestore identity add-scope}: grants scopes to an identity. */
@Command(name = "add-scope", mixinStandardHelpOptions = true,
        description = {"Grant one or more scopes (-s, repeatable) to an identity. Scopes it already has are reported, "
                + "not errors.",
                "Every scope is checked first: one bad scope stops the command (exit 2) and nothing is written. "
                        + "All scopes of one call are written in one transaction."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity add-scope -t user -i alice -s acme-tyk2_2023-fep_round1 -s 'openff-*-*'",
                "  statestore identity add-scope -t compute -i gpu-cluster-01 -s '*-*-*'"})
final class IdentityAddScopeCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    IdentityTypeOption type;

    @Mixin
    IdentityIdOption id;

    @Mixin
    IdentityScopeOptions scopes;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    IdentityAddScopeCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        IdentityType t = type.type();
        String identifier = id.identifier();
        List<Scope> wanted = scopes.scopes();
        ScopeChange result;
        try (Statestore store = IdentityOutput.open(connection, console)) {
            result = store.identities().addScopes(t, identifier, wanted);
        }
        String name = IdentityOutput.name(t, identifier);
        if (result instanceof IdentityNotFound) {
            return IdentityOutput.fail(console, this, ExitCode.NOT_FOUND, "no " + name + "; nothing was changed "
                    + "(create it with 'statestore identity add')", t, identifier);
        }
        ScopeChange.Applied applied = (ScopeChange.Applied) result;
        if (output.json()) {
            Map<String, Object> doc = IdentityOutput.envelope(commandName(), ExitCode.OK, null, t, identifier);
            doc.put("added", IdentityOutput.texts(applied.changed()));
            doc.put("alreadyPresent", IdentityOutput.texts(applied.unchanged()));
            doc.put("scopes", applied.identity().scopes());
            JsonOutput.print(console.out(), doc);
        } else {
            for (Scope s : applied.changed()) {
                console.out().println("added " + s);
            }
            for (Scope s : applied.unchanged()) {
                console.out().println("already present: " + s);
            }
            console.out().println(name + " has scopes: " + IdentityOutput.scopeList(applied.identity().scopes()));
            console.out().flush();
        }
        return ExitCode.OK.code();
    }

    @Override
    public String commandName() {
        return "identity add-scope";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
