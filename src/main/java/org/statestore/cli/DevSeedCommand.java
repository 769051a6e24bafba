package org.statestore.cli;

import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.alchemiscale.SeedResult;
import org.statestore.alchemiscale.SeedSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore dev seed}: a synthetic alchemiscale v0.3 store of any size. */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = {"DEVELOPMENT TOOL: write a synthetic store in the shape alchemiscale v0.3 leaves behind "
                + "(the four constraints, a :NOPE node, per network a TaskHub, Transformations and Tasks in three "
                + "scopes, LocalDateTime times, no NetworkMark), for testing and benchmarking the migrations.",
                "Writes only into a database without data (statestore's history aside); refused (exit 11) otherwise. "
                        + "The same options always give the same store."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore dev seed --shape v0.3 --networks 10000 --data-dir ./bench-store",
                "  statestore dev seed --shape v0.3 --networks 1000000 --transformations 1 --tasks 1"})
final class DevSeedCommand implements Callable<Integer>, Reporting {

    /** The one shape the generator writes, spelled as the manual's release names. */
    static final String V03 = "v0.3";

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

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

    DevSeedCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (!V03.equals(shape)) {
            throw new UsageException("--shape: only v0.3 is supported, was '" + shape + "'");
        }
        SeedSpec spec;
        try {
            spec = new SeedSpec(networks, transformations, tasks, batchSize);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        StatestoreConfig config = StatestoreConfig.builder().connection(connection.settings(console))
                .log(console::log).progress(console.progress()).build();
        SeedResult result;
        try (Statestore store = Statestore.open(config)) {
            result = store.alchemiscale().seedV03(spec);
        }
        if (result instanceof SeedResult.Refused r) {
            if (output.json()) {
                JsonOutput.print(console.out(), JsonOutput.envelope(commandName(), ExitCode.REFUSED, r.reason()));
            }
            console.error(r.reason());
            return ExitCode.REFUSED.code();
        }
        SeedResult.Seeded s = (SeedResult.Seeded) result;
        if (output.json()) {
            var doc = JsonOutput.envelope(commandName(), ExitCode.OK, null);
            doc.put("networks", s.networks());
            doc.put("nodes", s.nodes());
            doc.put("relationships", s.relationships());
            doc.put("elapsedMs", s.elapsed().toMillis());
            JsonOutput.print(console.out(), doc);
        } else {
            console.out().printf("seeded a v0.3 store: %d networks, %d nodes, %d relationships in %d ms%n",
                    s.networks(), s.nodes(), s.relationships(), s.elapsed().toMillis());
            console.out().flush();
        }
        return ExitCode.OK.code();
    }

    @Override
    public String commandName() {
        return "dev seed";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
