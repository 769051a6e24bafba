package org.statestore.cli;

import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.alchemiscale.AlchemiscaleOperations;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statestore database reset}: alchemiscale's reset, behind a confirmation. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"DESTRUCTIVE. Delete every node and relationship of the database (statestore's history "
                + "chain included) and drop alchemiscale's four constraints, as alchemiscale's 'database reset' does. "
                + "Deletes in batches of 10000 so a large store does not exhaust transaction memory.",
                "Refused (exit 11) unless --yes is given or, on a terminal, the database name is typed to confirm."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore database reset            (asks for the database name on a terminal)",
                "  NEO4J_URL=bolt://db:7687 statestore database reset --yes"})
final class DatabaseResetCommand extends StoreCommand {

    private final Terminal terminal;

    @Option(names = "--yes", description = "Do not ask: delete everything.")
    boolean yes;

    DatabaseResetCommand(Console console) {
        super(console);
        this.terminal = Terminal.of(console);
    }

    /** Only a person at a terminal can confirm by typing; anything else needs --yes, checked before connecting. */
    @Override
    Optional<Report> refusal() {
        return yes || terminal.interactive() ? Optional.empty()
                : Optional.of(DatabaseReports.resetNeedsYes());
    }

    @Override
    Report report(Statestore store) {
        AlchemiscaleOperations alchemiscale = store.alchemiscale();
        String database = store.server().database();
        Optional<Report> unconfirmed = yes ? Optional.empty() : DatabaseReports.resetUnconfirmed(database,
                terminal.readLine(DatabaseReports.resetQuestion(alchemiscale.nodeCount(), store.server().description(),
                        database)));
        return unconfirmed.orElseGet(() -> DatabaseReports.reset(alchemiscale.reset()));
    }
}
