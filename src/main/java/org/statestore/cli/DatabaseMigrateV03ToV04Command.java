package org.statestore.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code statestore database migrate v03-to-v04}: the manual's command, unchanged, as
 * {@code migrate up --target 0.4.0} (batched, resumable, recorded).
 */
@Command(name = "v03-to-v04", mixinStandardHelpOptions = true,
        description = {"alchemiscale's v0.3 to v0.4 schema migration (a NetworkMark for every AlchemicalNetwork), "
                + "as in the operations manual. The same as 'statestore migrate up --target 0.4.0': a v0.3 store is "
                + "recognised and baselined at 0.3.0, then unit 0.4.0 marks the networks in batches.",
                "Batch size: env STATESTORE_NETWORKMARK_BATCH (default 10000). Safe to rerun after an interruption."},
        footerHeading = "%nExamples:%n",
        footer = {"  NEO4J_URL=bolt://neo4j:7687 NEO4J_USER=neo4j NEO4J_PASS=secret statestore database migrate v03-to-v04"})
final class DatabaseMigrateV03ToV04Command implements Callable<Integer>, Reporting {

    static final String TARGET = "0.4.0";

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    UnitOptions units;

    @Mixin
    OutputOptions output;

    @Mixin
    LockOptions lock;

    DatabaseMigrateV03ToV04Command(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        MigrateUpCommand up = new MigrateUpCommand(console);
        up.connection = connection;
        up.units = units;
        up.output = output;
        up.lock = lock;
        up.target = TARGET;
        up.implicitStore = ConnectionOptions.ImplicitStore.EXISTING_ONLY;
        return up.call();
    }

    @Override
    public String commandName() {
        return "database migrate v03-to-v04";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
