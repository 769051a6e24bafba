package org.statestore.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.alchemiscale.AlchemiscaleOperations;
import org.statestore.alchemiscale.ResetResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
final class DatabaseResetCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--yes", description = "Do not ask: delete everything.")
    boolean yes;

    DatabaseResetCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        // Only a person at a terminal can confirm by typing; anything else needs --yes.
        boolean terminal = System.console() != null && console.in() == System.in;
        if (!yes && !terminal) {
            return refuse("refusing to delete every node without --yes (or the database name typed on a terminal)");
        }
        StatestoreConfig config = StatestoreConfig.builder().connection(connection.settings(console, ConnectionOptions.ImplicitStore.EXISTING_ONLY))
                .log(console::log).build();
        ResetResult result;
        try (Statestore store = Statestore.open(config)) {
            AlchemiscaleOperations alchemiscale = store.alchemiscale();
            if (!yes) {
                String database = store.server().database();
                console.err().printf("statestore: this deletes all %d nodes of %s and alchemiscale's four "
                        + "constraints.%nType the database name (%s) to confirm: ", alchemiscale.nodeCount(),
                        store.server().description(), database);
                console.err().flush();
                if (!database.equals(typedLine())) {
                    return refuse("confirmation did not match the database name; nothing was deleted");
                }
            }
            result = alchemiscale.reset();
        }
        if (output.json()) {
            var doc = JsonOutput.envelope(commandName(), ExitCode.OK, null);
            doc.put("relationshipsDeleted", result.relationshipsDeleted());
            doc.put("nodesDeleted", result.nodesDeleted());
            doc.put("constraintsDropped", result.constraintsDropped());
            JsonOutput.print(console.out(), doc);
        } else {
            console.out().printf("reset: deleted %d nodes and %d relationships; dropped %d constraints%n",
                    result.nodesDeleted(), result.relationshipsDeleted(), result.constraintsDropped().size());
            console.out().flush();
        }
        return ExitCode.OK.code();
    }

    private String typedLine() {
        try {
            String line = new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line.strip();
        } catch (IOException e) {
            return "";
        }
    }

    private int refuse(String reason) {
        if (output.json()) {
            JsonOutput.print(console.out(), JsonOutput.envelope(commandName(), ExitCode.REFUSED, reason));
        }
        console.error(reason);
        return ExitCode.REFUSED.code();
    }

    @Override
    public String commandName() {
        return "database reset";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
