package org.statestore.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.statestore.StatestoreConfig;

import picocli.CommandLine.Option;

/** Where units come from: the bundled ones unless {@code --no-bundled}, plus any {@code --location DIR}. */
public final class UnitOptions {

    @Option(names = {"-l", "--location"}, paramLabel = "DIR",
            description = "A directory of V<version>__<Description>.cypher units (repeatable).")
    List<Path> locations = new ArrayList<>();

    @Option(names = "--no-bundled", description = "Leave out the units bundled with statestore (alchemiscale's schema).")
    boolean noBundled;

    StatestoreConfig.Builder applyTo(StatestoreConfig.Builder builder) {
        builder.bundledUnits(!noBundled);
        locations.forEach(builder::location);
        return builder;
    }
}
