package org.statestore.cli;

import org.statestore.cli.ConnectionOptions.ImplicitStore;

import picocli.CommandLine.Command;

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
final class DatabaseMigrateV03ToV04Command extends UpCommand.WithUnitFlags {

    DatabaseMigrateV03ToV04Command(Console console) {
        super(console);
    }

    @Override
    String target() {
        return "0.4.0";
    }

    @Override
    ImplicitStore implicitStore() {
        return ImplicitStore.EXISTING_ONLY;
    }
}
