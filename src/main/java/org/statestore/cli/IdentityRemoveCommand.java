package org.statestore.cli;

import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.identity.Identity;
import org.statestore.identity.IdentityType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statestore identity remove}: deletes an identity after confirmation. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Delete an identity. Asks for confirmation on a terminal; elsewhere --yes is required "
                + "(exit 11 without it). An unknown identity is an error (exit 10)."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity remove -t user -i alice",
                "  statestore identity remove -t compute -i gpu-cluster-01 --yes"})
final class IdentityRemoveCommand extends IdentityTargetCommand {

    private final Terminal terminal;

    @Option(names = {"-y", "--yes"}, description = "Remove without asking.")
    boolean yes;

    IdentityRemoveCommand(Console console) {
        this(console, Terminal.of(console));
    }

    IdentityRemoveCommand(Console console, Terminal terminal) {
        super(console);
        this.terminal = terminal;
    }

    @Override
    Report report(Statestore store) {
        IdentityType t = type.type();
        Optional<Identity> found = store.identities().find(t, identifier);
        if (found.isEmpty()) {
            return IdentityReports.missing(t, identifier, "; nothing was removed");
        }
        Optional<Report> refused = yes ? Optional.empty()
                : IdentityReports.unconfirmed(t, identifier, answer(found.get()));
        return refused.orElseGet(() -> IdentityReports.removal(t, identifier,
                store.identities().remove(t, identifier)));
    }

    /** The person's answer to whether to remove {@code identity}; empty when there is no terminal to ask on. */
    private Optional<String> answer(Identity identity) {
        return terminal.interactive()
                ? Optional.of(terminal.readLine(IdentityReports.removeQuestion(identity)).orElse(""))
                : Optional.empty();
    }
}
