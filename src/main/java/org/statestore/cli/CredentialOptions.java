package org.statestore.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.Secret;

import picocli.CommandLine.Option;

/**
 * Who a command is on a server and which database it uses: the part of the connection flags a command shares
 * whether the URL comes from {@code --url}/{@code NEO4J_URL} ({@link ConnectionOptions}) or from a flag of its own
 * ({@code upgrade store --into}). Each falls back to alchemiscale's environment variables.
 */
final class CredentialOptions {

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

    /** Whether any of these flags was given (the environment does not count). */
    boolean anyGiven() {
        return user != null || password != null || passwordFile != null || database != null;
    }

    /** The database: the flag, else NEO4J_DBNAME, else {@code neo4j}. */
    String database(Console console) {
        return Optional.ofNullable(database).or(() -> console.env("NEO4J_DBNAME"))
                .orElse(ConnectionSettings.DEFAULT_DATABASE);
    }

    /**
     * The settings of the server at {@code urlText} with these credentials; a URL with user info, a malformed one or
     * an unreadable password file throws {@link UsageException}, never quoting a password.
     */
    ConnectionSettings remote(String urlText, Console console, Path dataDir, Duration wait) {
        if (ConnectionSettings.hasUserInfo(urlText)) {
            throw new UsageException(ConnectionSettings.USER_INFO_REFUSED);
        }
        URI uri;
        try {
            uri = new URI(urlText.strip());
        } catch (URISyntaxException e) {
            throw new UsageException("bad URL '" + urlText + "': " + e.getReason());
        }
        String name = Optional.ofNullable(user).or(() -> console.env("NEO4J_USER")).orElse(ConnectionSettings.DEFAULT_USER);
        Secret secret = Secret.of(readPassword(console));
        String db = database(console);
        return settingsOrUsage(() -> new ConnectionSettings(Optional.of(uri), name, secret, db, dataDir, wait));
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

    /** Builds settings, turning the record's own checks (a bad scheme, a blank database) into usage errors. */
    static ConnectionSettings settingsOrUsage(Supplier<ConnectionSettings> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
