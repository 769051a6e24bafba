package org.statestore.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.Secret;

import picocli.CommandLine.Option;

/** The connection flags every database command shares; each falls back to alchemiscale's environment variables. */
public final class ConnectionOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "Bolt URL (bolt://, bolt+s://, neo4j://, neo4j+s://). Env: NEO4J_URL. "
                    + "Without one, the embedded store in --data-dir is used.")
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "User name. Env: NEO4J_USER. Default: neo4j.")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Password (visible to other users in the "
            + "process list: prefer NEO4J_PASS or --password-file). Env: NEO4J_PASS.")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
    Path passwordFile;

    @Option(names = {"--database", "--dbname"}, paramLabel = "NAME",
            description = "Database name. Env: NEO4J_DBNAME. Default: neo4j.")
    String database;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Store directory of the embedded default. Env: STATESTORE_DATA_DIR. Default: ./statestore-data.")
    Path dataDir;

    @Option(names = "--wait-for-db", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Keep retrying an unreachable database this long (e.g. 500ms, 30s, 5m, PT1M); "
                    + "authentication failures and bad URLs fail at once. Default: 60s for migrate up, 0 otherwise.")
    java.time.Duration waitForDb;

    /** The settings, with no waiting for the database unless {@code --wait-for-db} says otherwise. */
    ConnectionSettings settings(Console console) {
        return settings(console, java.time.Duration.ZERO);
    }

    /** The settings these flags and {@code console}'s environment describe; bad values throw {@link UsageException}. */
    ConnectionSettings settings(Console console, java.time.Duration defaultWait) {
        java.time.Duration wait = waitForDb == null ? defaultWait : waitForDb;
        Optional<String> urlText = Optional.ofNullable(url).filter(s -> !s.isBlank()).or(() -> console.env("NEO4J_URL"));
        String db = Optional.ofNullable(database).or(() -> console.env("NEO4J_DBNAME"))
                .orElse(ConnectionSettings.DEFAULT_DATABASE);
        Path dir = Optional.ofNullable(dataDir).or(() -> console.env("STATESTORE_DATA_DIR").map(Path::of))
                .orElse(ConnectionSettings.DEFAULT_DATA_DIR);
        if (urlText.isEmpty()) {
            return settingsOrUsage(() -> ConnectionSettings.embedded(dir).withDatabase(db).withWaitForDb(wait));
        }
        if (ConnectionSettings.hasUserInfo(urlText.get())) {
            throw new UsageException(ConnectionSettings.USER_INFO_REFUSED);
        }
        URI uri;
        try {
            uri = new URI(urlText.get().strip());
        } catch (URISyntaxException e) {
            throw new UsageException("bad URL '" + urlText.get() + "': " + e.getReason());
        }
        String name = Optional.ofNullable(user).or(() -> console.env("NEO4J_USER")).orElse(ConnectionSettings.DEFAULT_USER);
        Secret secret = Secret.of(readPassword(console));
        return settingsOrUsage(() -> new ConnectionSettings(Optional.of(uri), name, secret, db, dir, wait));
    }

    private String readPassword(Console console) {
        if (passwordFile != null) {
            try {
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                return text.lines().findFirst().orElse("");
            } catch (IOException e) {
                throw new UsageException("cannot read --password-file " + passwordFile + ": "
                        + e.getClass().getSimpleName());
            }
        }
        return Optional.ofNullable(password).or(() -> console.env("NEO4J_PASS")).orElse("");
    }

    private static ConnectionSettings settingsOrUsage(java.util.function.Supplier<ConnectionSettings> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
