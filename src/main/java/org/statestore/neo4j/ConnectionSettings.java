package org.statestore.neo4j;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the target database is: a Bolt URL with credentials, or, when no URL is given, the embedded
 * default whose store lives in {@code dataDir}.
 *
 * @param url         a {@code bolt}, {@code bolt+s}, {@code bolt+ssc}, {@code neo4j}, {@code neo4j+s} or
 *                    {@code neo4j+ssc} URL; empty for the embedded default
 * @param user        the user name for a URL target
 * @param password    the password for a URL target (may be empty, then no authentication is sent)
 * @param database    the database name, {@code neo4j} unless told otherwise
 * @param dataDir     the embedded store's directory
 * @param waitForDb   how long to keep retrying a database that is not reachable yet; zero fails at once
 */
public record ConnectionSettings(Optional<URI> url, String user, Secret password, String database, Path dataDir,
                                 Duration waitForDb) {

    public static final String DEFAULT_DATABASE = "neo4j";
    public static final String DEFAULT_USER = "neo4j";
    public static final Path DEFAULT_DATA_DIR = Path.of("statestore-data");

    /**
     * Why a URL with user info ({@code bolt://user:pass@host}) is refused. The URL is not quoted: the part
     * before {@code @} may be a password, and the driver would ignore it anyway.
     */
    public static final String USER_INFO_REFUSED = "the database URL holds a user name or password before '@', "
            + "which statestore does not read: give the URL without it, and the user and password in NEO4J_USER "
            + "and NEO4J_PASS (or --user and --password-file)";

    private static final Pattern USER_INFO = Pattern.compile("^[^:/?#]*://[^/?#]*@");

    private static final Set<String> SCHEMES = Set.of("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc");

    public ConnectionSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(waitForDb, "waitForDb");
        url.ifPresent(ConnectionSettings::checkUrl);
        if (database.isBlank()) {
            throw new IllegalArgumentException("database name must not be blank");
        }
        if (waitForDb.isNegative()) {
            throw new IllegalArgumentException("wait-for-db must not be negative");
        }
    }

    /** The embedded default in {@code dataDir}. */
    public static ConnectionSettings embedded(Path dataDir) {
        return new ConnectionSettings(Optional.empty(), DEFAULT_USER, Secret.of(""), DEFAULT_DATABASE, dataDir,
                Duration.ZERO);
    }

    /** A server reached over Bolt. */
    public static ConnectionSettings remote(URI url, String user, Secret password) {
        return new ConnectionSettings(Optional.of(url), user, password, DEFAULT_DATABASE, DEFAULT_DATA_DIR,
                Duration.ZERO);
    }

    public ConnectionSettings withDatabase(String name) {
        return new ConnectionSettings(url, user, password, name, dataDir, waitForDb);
    }

    public ConnectionSettings withWaitForDb(Duration wait) {
        return new ConnectionSettings(url, user, password, database, dataDir, wait);
    }

    public boolean isEmbedded() {
        return url.isEmpty();
    }

    /** Whether URL text has user info ({@code scheme://...@host}), decided before parsing so nothing quotes it. */
    public static boolean hasUserInfo(String url) {
        return USER_INFO.matcher(url.strip()).find();
    }

    private static void checkUrl(URI url) {
        if ((url.getRawAuthority() != null && url.getRawAuthority().contains("@")) || hasUserInfo(url.toString())) {
            throw new IllegalArgumentException(USER_INFO_REFUSED);
        }
        String scheme = url.getScheme();
        if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("unsupported URL '" + url + "': use one of " + String.join(", ",
                    SCHEMES.stream().sorted().map(s -> s + "://").toList()));
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("URL '" + url + "' names no host");
        }
    }

    @Override
    public String toString() {
        return url.map(u -> u + " (database " + database + ", user " + user + ")")
                .orElse("embedded store " + dataDir + " (database " + database + ")");
    }
}
