package org.statestore.example;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.migrate.UpResult;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.Secret;

/**
 * An application migrating its database at start-up with the engine the CLI uses: no CLI, no embedded
 * server, just the facade. Usage: {@code EmbeddingExample <bolt-url> <user> <password> <units-dir>}.
 */
public final class EmbeddingExample {

    private EmbeddingExample() {
    }

    public static void main(String[] args) {
        UpResult result = migrate(URI.create(args[0]), args[1], args[2], Path.of(args[3]));
        if (!(result instanceof UpResult.Applied || result instanceof UpResult.UpToDate)) {
            System.err.println("migration failed: " + result);
            System.exit(1);
        }
    }

    /** Applies the pending units of {@code units} (and no bundled ones) to the database at {@code url}. */
    public static UpResult migrate(URI url, String user, String password, Path units) {
        StatestoreConfig config = StatestoreConfig.builder()
                .connection(ConnectionSettings.remote(url, user, Secret.of(password)))
                .bundledUnits(false)
                .location(units)
                .placeholder("app", "example")
                .installedBy("embedding-example")
                .log(line -> System.out.println("statestore: " + line))
                .build();
        try (Statestore store = Statestore.open(config)) {
            return store.migrateUp(Optional.empty());
        }
    }
}
