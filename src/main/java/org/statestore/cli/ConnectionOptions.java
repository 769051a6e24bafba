package org.statestore.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.statestore.neo4j.ConnectionSettings;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The connection flags every database command shares; each falls back to alchemiscale's environment variables. */
final class ConnectionOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "Bolt URL (bolt://, bolt+s://, neo4j://, neo4j+s://). Env: NEO4J_URL. "
                    + "Without one, the embedded store in --data-dir is used.")
    String url;

    /** --user, --password, --password-file and --database. */
    @Mixin
    CredentialOptions credentials;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Store directory of the embedded default. Env: STATESTORE_DATA_DIR. Default: ./statestore-data.")
    Path dataDir;

    @Option(names = "--wait-for-db", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Keep retrying an unreachable database this long (e.g. 500ms, 30s, 5m, PT1M); "
                    + "authentication failures and bad URLs fail at once. Default: 60s for migrate up, 0 otherwise.")
    Duration waitForDb;

    /**
     * When a command may fall back on the implicit embedded store ({@code ./statestore-data} or
     * {@code STATESTORE_DATA_DIR}) without a URL: always (the {@code migrate} verbs, the README's main job), or only
     * when that store already exists (identities, database and backup operations, which an operator means for a
     * real store: a forgotten {@code NEO4J_URL} must not land them in a new throwaway one).
     */
    enum ImplicitStore { ALLOWED, EXISTING_ONLY }

    /** Set by the container image: no command but {@code server} falls back on the embedded store without a URL. */
    static final String EMBEDDED_DEFAULT_ENV = "STATESTORE_EMBEDDED_DEFAULT";

    /** The settings, with no waiting for the database unless {@code --wait-for-db} says otherwise. */
    ConnectionSettings settings(Console console) {
        return settings(console, Duration.ZERO);
    }

    /** As {@link #settings(Console)}, refusing a new implicit store unless {@code implicit} allows it. */
    ConnectionSettings settings(Console console, ImplicitStore implicit) {
        return settings(console, Duration.ZERO, implicit);
    }

    /** As {@link #settings(Console, java.time.Duration, ImplicitStore)} for a command that may use the implicit store. */
    ConnectionSettings settings(Console console, Duration defaultWait) {
        return settings(console, defaultWait, ImplicitStore.ALLOWED);
    }

    /** The settings these flags and {@code console}'s environment describe; bad values throw {@link UsageException}. */
    ConnectionSettings settings(Console console, Duration defaultWait, ImplicitStore implicit) {
        Duration wait = waitForDb == null ? defaultWait : waitForDb;
        Optional<String> urlText = Optional.ofNullable(url).filter(s -> !s.isBlank()).or(() -> console.env("NEO4J_URL"));
        String db = credentials.database(console);
        Path dir = Optional.ofNullable(dataDir).or(() -> console.env("STATESTORE_DATA_DIR").map(Path::of))
                .orElse(ConnectionSettings.DEFAULT_DATA_DIR);
        if (urlText.isEmpty()) {
            if (dataDir == null) {
                refuseImplicit(console, dir, implicit);
            }
            return CredentialOptions.settingsOrUsage(() -> ConnectionSettings.embedded(dir).withDatabase(db)
                    .withWaitForDb(wait));
        }
        return credentials.remote(urlText.get(), console, dir, wait);
    }

    /** Exit 2 where a command without a URL or {@code --data-dir} would quietly use a throwaway store. */
    private static void refuseImplicit(Console console, Path dir, ImplicitStore implicit) {
        if (console.env(EMBEDDED_DEFAULT_ENV).filter("off"::equalsIgnoreCase).isPresent()) {
            throw new UsageException("no database given, and this image has no embedded default: pass the server "
                    + "with -e NEO4J_URL=bolt://HOST:7687 (and -e NEO4J_USER, -e NEO4J_PASS), or --data-dir DIR on a "
                    + "mounted volume for a local store");
        }
        if (implicit == ImplicitStore.EXISTING_ONLY && !isStore(dir)) {
            throw new UsageException("no database given: set NEO4J_URL (or --url) to the server, or pass --data-dir DIR "
                    + "to use a local store deliberately (there is no store in " + dir + ")");
        }
    }

    /** An embedded store's home: Neo4j's data directory with its databases inside. */
    private static boolean isStore(Path dir) {
        return Files.isDirectory(dir.resolve("data").resolve("databases"));
    }
}
