package org.statestore.cli;

import org.statestore.alchemiscale.SeedSpec;

import picocli.CommandLine.Option;

/** {@code dev seed}'s flags: the store's shape and size, checked before anything connects. */
final class SeedOptions {

    /** The one shape the generator writes, spelled as the manual's release names. */
    static final String V03 = "v0.3";

    @Option(names = "--shape", paramLabel = "SHAPE", required = true, description = "Store shape: v0.3 (the only one).")
    String shape;

    @Option(names = "--networks", paramLabel = "N", required = true, description = "AlchemicalNetworks to write.")
    int networks;

    @Option(names = "--transformations", paramLabel = "N", defaultValue = "" + SeedSpec.DEFAULT_TRANSFORMATIONS,
            description = "Transformations per network. Default: ${DEFAULT-VALUE}.")
    int transformations;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "" + SeedSpec.DEFAULT_TASKS,
            description = "Tasks per Transformation. Default: ${DEFAULT-VALUE}.")
    int tasks;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + SeedSpec.DEFAULT_BATCH,
            description = "Networks per transaction. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    /** The store these flags describe; a shape or size the generator does not take is a usage error (exit 2). */
    SeedSpec spec() {
        if (!V03.equals(shape)) {
            throw new UsageException("--shape: only v0.3 is supported, was '" + shape + "'");
        }
        try {
            return new SeedSpec(networks, transformations, tasks, batchSize);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
