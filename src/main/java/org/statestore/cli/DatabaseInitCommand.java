package org.statestore.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code statestore database init}: alchemiscale's four constraints, as {@code migrate up --target 0.1.0}. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create alchemiscale's four uniqueness constraints: the same as 'statestore migrate up "
                + "--target 0.1.0', so the run is recorded in the history chain.",
                "An existing alchemiscale store is recognised by its shape and baselined instead.",
                "A failed init (say, duplicate identifiers) is simply rerun once its cause is fixed, as alchemiscale's is."},
        footerHeading = "%nExamples:%n",
        footer = {"  NEO4J_URL=bolt://db:7687 NEO4J_USER=neo4j NEO4J_PASS=secret statestore database init"})
final class DatabaseInitCommand implements Callable<Integer>, Reporting {

    static final String TARGET = "0.1.0";

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    LockOptions lock;

    DatabaseInitCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        MigrateUpCommand up = new MigrateUpCommand(console);
        up.connection = connection;
        up.units = new UnitOptions();
        up.output = output;
        up.lock = lock;
        up.target = TARGET;
        up.implicitStore = ConnectionOptions.ImplicitStore.EXISTING_ONLY;
        up.describeReleases = false;
        up.retryFailed = true;
        return up.call();
    }

    @Override
    public String commandName() {
        return "database init";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
