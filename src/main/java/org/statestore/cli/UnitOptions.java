package org.statestore.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.statestore.StatestoreConfig;

import picocli.CommandLine.Option;

/**
 * Where units come from: the bundled ones unless {@code --no-bundled}, plus any {@code --location DIR};
 * and the placeholder values their {@code ${name}}s resolve to.
 */
final class UnitOptions {

    @Option(names = {"-l", "--location"}, paramLabel = "DIR",
            description = "A directory of V<version>__<Description>.cypher units (repeatable).")
    List<Path> locations = new ArrayList<>();

    @Option(names = "--no-bundled", description = "Leave out the units bundled with statestore (alchemiscale's schema).")
    boolean noBundled;

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE",
            description = "A value for $${NAME} in Cypher units (repeatable); also from env STATESTORE_PLACEHOLDER_<NAME>.")
    Map<String, String> placeholders = new LinkedHashMap<>();

    /** No units at all, for the commands without these flags that only read or copy history. */
    static UnitOptions none() {
        UnitOptions none = new UnitOptions();
        none.noBundled = true;
        return none;
    }

    StatestoreConfig.Builder applyTo(StatestoreConfig.Builder builder, Console console) {
        builder.bundledUnits(!noBundled);
        locations.forEach(builder::location);
        builder.placeholdersFromEnvironment(console.env());
        placeholders.forEach(builder::placeholder);
        return builder;
    }
}
