package org.statestore.cli;

import org.statestore.cli.ConnectionOptions.ImplicitStore;
import org.statestore.migrate.UpOptions;

import picocli.CommandLine.Command;

/** {@code statestore database init}: alchemiscale's four constraints, as {@code migrate up --target 0.1.0}. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create alchemiscale's four uniqueness constraints: the same as 'statestore migrate up "
                + "--target 0.1.0', so the run is recorded in the history chain.",
                "An existing alchemiscale store is recognised by its shape and baselined instead.",
                "A failed init (say, duplicate identifiers) is simply rerun once its cause is fixed, as alchemiscale's is."},
        footerHeading = "%nExamples:%n",
        footer = {"  NEO4J_URL=bolt://db:7687 NEO4J_USER=neo4j NEO4J_PASS=secret statestore database init"})
final class DatabaseInitCommand extends UpCommand {

    DatabaseInitCommand(Console console) {
        super(console);
    }

    /** No unit flags: alchemiscale's init knows only its own schema. */
    @Override
    UnitOptions units() {
        return new UnitOptions();
    }

    @Override
    String target() {
        return "0.1.0";
    }

    /** A failed, unchanged unit is rerun, as alchemiscale's init simply retries. */
    @Override
    UpOptions options() {
        return new UpOptions(false, false, true);
    }

    /** Its output stays alchemiscale's: the constraints, not the release lines. */
    @Override
    boolean describeReleases() {
        return false;
    }

    @Override
    ImplicitStore implicitStore() {
        return ImplicitStore.EXISTING_ONLY;
    }
}
