package org.statestore.cli;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.alchemiscale.SeedSpec;
import org.statestore.cli.ConnectionOptions.ImplicitStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
final class DevSeedCommand extends StoreCommand {

    @Mixin
    SeedOptions seed;

    private SeedSpec spec;

    DevSeedCommand(Console console) {
        super(console);
    }

    /** A scratch store is what it is for: it may create the implicit local one. */
    @Override
    ImplicitStore implicitStore() {
        return ImplicitStore.ALLOWED;
    }

    @Override
    StatestoreConfig.Builder config() {
        return super.config().progress(console.progress());
    }

    @Override
    void prepare() {
        spec = seed.spec();
    }

    @Override
    Report report(Statestore store) {
        return DatabaseReports.seed(store.alchemiscale().seedV03(spec));
    }
}
