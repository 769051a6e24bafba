package org.statestore.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.identity.Identity;
import org.statestore.identity.IdentityNotFound;
import org.statestore.identity.IdentityStore;
import org.statestore.identity.IdentityType;
import org.statestore.identity.RemoveResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore identity remove}: deletes an identity after confirmation. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Delete an identity. Asks for confirmation on a terminal; elsewhere --yes is required "
                + "(exit 11 without it). An unknown identity is an error (exit 10)."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity remove -t user -i alice",
                "  statestore identity remove -t compute -i gpu-cluster-01 --yes"})
final class IdentityRemoveCommand implements Callable<Integer>, Reporting {

    private final Console console;
    private final Terminal terminal;

    @Mixin
    IdentityTypeOption type;

    @Mixin
    IdentityIdOption id;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = {"-y", "--yes"}, description = "Remove without asking.")
    boolean yes;

    IdentityRemoveCommand(Console console) {
        this(console, Terminal.of(console));
    }

    IdentityRemoveCommand(Console console, Terminal terminal) {
        this.console = console;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        IdentityType t = type.type();
        String identifier = id.identifier();
        String name = IdentityOutput.name(t, identifier);
        try (Statestore store = IdentityOutput.open(connection, console)) {
            IdentityStore identities = store.identities();
            Optional<Identity> found = identities.find(t, identifier);
            if (found.isEmpty()) {
                return fail(ExitCode.NOT_FOUND, "no " + name + "; nothing was removed", t, identifier);
            }
            if (!yes) {
                if (!terminal.interactive()) {
                    return fail(ExitCode.REFUSED, "refusing to remove " + name + " without confirmation: there is no "
                            + "terminal to ask on, so pass --yes", t, identifier);
                }
                String answer = terminal.readLine("Remove " + name + " (scopes: "
                        + IdentityOutput.scopeList(found.get().scopes()) + ")? [y/N] ").orElse("");
                String a = answer.strip().toLowerCase(Locale.ROOT);
                if (!a.equals("y") && !a.equals("yes")) {
                    return fail(ExitCode.REFUSED, "not confirmed; " + name + " was not removed", t, identifier);
                }
            }
            RemoveResult result = identities.remove(t, identifier);
            if (result instanceof IdentityNotFound) {
                return fail(ExitCode.NOT_FOUND, "no " + name + " (removed meanwhile?); nothing was removed", t,
                        identifier);
            }
            Identity removed = ((RemoveResult.Removed) result).removed();
            if (output.json()) {
                Map<String, Object> doc = IdentityOutput.envelope(commandName(), ExitCode.OK, null, t, identifier);
                doc.put("removed", IdentityOutput.json(removed));
                JsonOutput.print(console.out(), doc);
            } else {
                console.out().println("removed " + name + " (it had scopes: " + IdentityOutput.scopeList(removed.scopes())
                        + ")");
                console.out().flush();
            }
            return ExitCode.OK.code();
        }
    }

    private int fail(ExitCode code, String error, IdentityType t, String identifier) {
        return IdentityOutput.fail(console, this, code, error, t, identifier);
    }

    @Override
    public String commandName() {
        return "identity remove";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
