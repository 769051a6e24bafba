package org.statestore.neo4j.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;
import org.statestore.neo4j.ConnectionException;
import org.statestore.neo4j.Secret;

/**
 * An in-process Neo4j Community server whose store lives in one directory and which speaks Bolt on
 * one address, so the rest of statestore talks to it exactly as it talks to a remote server.
 *
 * <p>With a password, Bolt opens only once user {@code neo4j} has it, and never while {@code neo4j} still
 * has the default password {@code neo4j}: the password goes into Neo4j's initial password file, which the
 * system database reads as it starts, before Bolt (a new store, or one that only ever ran without
 * authentication). On a store whose password is another one already, a {@link PasswordKind#GIVEN} password
 * is set in a first start with Bolt off; a {@link PasswordKind#PER_RUN} one just after the start. LOAD CSV
 * never reads local files, with or without a password.
 */
public final class EmbeddedServer implements AutoCloseable {

    /** Neo4j's minimum password length ({@code dbms.security.auth_minimum_password_length}). */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private static final String STARTING_LOCK = "statestore-starting.lock";

    /** Who knows the password, which decides how it replaces the one an existing store has. */
    public enum PasswordKind {
        /**
         * The operator's password ({@code server --password-file}): on an existing store it is set in a first
         * start with Bolt off, so the port never opens with another password (costs a second start).
         */
        GIVEN,
        /**
         * A random password for this run only: on an existing store it is set just after the one start; until
         * then only the previous run's password works, which nobody knows. Failed logins never lock the user,
         * so other local users cannot make the command fail by guessing; 256 random bits need no lockout.
         */
        PER_RUN
    }

    /** How the embedded server is started. */
    public record Options(Path dataDir, String listenHost, int boltPort, Secret password, long pageCacheBytes,
                          PasswordKind passwordKind) {

        public Options {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(listenHost, "listenHost");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(passwordKind, "passwordKind");
            if (boltPort < 0 || boltPort > 65535) {
                throw new IllegalArgumentException("bolt port must be 0-65535, was " + boltPort);
            }
            if (!password.isEmpty() && password.reveal().codePointCount(0, password.reveal().length()) < MIN_PASSWORD_LENGTH) {
                throw new IllegalArgumentException("the password must be at least " + MIN_PASSWORD_LENGTH
                        + " characters (Neo4j's minimum)");
            }
        }

        /** A password the operator chose (or none: authentication off). */
        public Options(Path dataDir, String listenHost, int boltPort, Secret password, long pageCacheBytes) {
            this(dataDir, listenHost, boltPort, password, pageCacheBytes, PasswordKind.GIVEN);
        }

        /**
         * Loopback, a free port, no authentication: for tests and tools that own the store in this JVM.
         * Commands use {@link #shortLived}, which other local users cannot log in to.
         */
        public static Options privateStore(Path dataDir) {
            return new Options(dataDir, "127.0.0.1", 0, Secret.of(""), 128L * 1024 * 1024);
        }

        /** The embedded default of every command: loopback, a free port, user neo4j with a password for this run. */
        public static Options shortLived(Path dataDir, Secret perRunPassword) {
            if (perRunPassword.isEmpty()) {
                throw new IllegalArgumentException("the embedded store of a command needs a password");
            }
            return new Options(dataDir, "127.0.0.1", 0, perRunPassword, 128L * 1024 * 1024, PasswordKind.PER_RUN);
        }

        public boolean authEnabled() {
            return !password.isEmpty();
        }
    }

    private final DatabaseManagementService dbms;
    private final Options options;
    private final InetSocketAddress boltAddress;

    private EmbeddedServer(DatabaseManagementService dbms, Options options, InetSocketAddress boltAddress) {
        this.dbms = dbms;
        this.options = options;
        this.boltAddress = boltAddress;
    }

    /** Starts the server; fails with {@link ConnectionException} (UNAVAILABLE) when the store cannot start. */
    public static EmbeddedServer start(Options options) {
        Path home = options.dataDir().toAbsolutePath().normalize();
        boolean existing = Files.isDirectory(systemDatabaseDir(home));
        DatabaseManagementService dbms;
        try {
            createPrivateDirectory(home);
            createPrivateDirectory(importDir(home));
            dbms = options.authEnabled() ? startWithPassword(home, options, existing) : build(home, options, true);
        } catch (RuntimeException | IOException e) {
            throw new ConnectionException(ConnectionException.Kind.UNAVAILABLE,
                    "cannot start the embedded Neo4j in " + home + ": " + scrub(rootMessage(e), options.password()));
        }
        try {
            if (options.authEnabled() && existing && options.passwordKind() == PasswordKind.PER_RUN) {
                setPassword(dbms, options.password());
            }
            GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!neo4j.isAvailable(Duration.ofMinutes(2).toMillis())) {
                throw new IllegalStateException("database neo4j did not become available");
            }
            ConnectorPortRegister ports = ((GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME))
                    .getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
            var bound = ports.getLocalAddress(ConnectorType.BOLT);
            return new EmbeddedServer(dbms, options, new InetSocketAddress(bound.getHost(), bound.getPort()));
        } catch (RuntimeException e) {
            dbms.shutdown();
            throw new ConnectionException(ConnectionException.Kind.UNAVAILABLE,
                    "embedded Neo4j in " + home + " did not start: " + scrub(rootMessage(e), options.password()));
        }
    }

    /**
     * Puts the password in the initial password file, then starts (first without Bolt for a GIVEN password on an
     * existing store). A lock held meanwhile keeps two processes starting the same store from swapping files.
     */
    private static DatabaseManagementService startWithPassword(Path home, Options options, boolean existing)
            throws IOException {
        Path authDir = authDir(home);
        createPrivateDirectory(authDir.getParent());
        createPrivateDirectory(authDir);
        InitialPassword initial = new InitialPassword(authDir);
        try (FileChannel channel = FileChannel.open(authDir.resolve(STARTING_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = lockStart(channel)) {
            try {
                initial.write(options.password(), new SecureRandom());
                if (existing && options.passwordKind() == PasswordKind.GIVEN) {
                    DatabaseManagementService setup = build(home, options, false);
                    try {
                        setPassword(setup, options.password());
                    } finally {
                        setup.shutdown();
                    }
                }
                return build(home, options, true);
            } finally {
                initial.delete();
            }
        }
    }

    private static FileLock lockStart(FileChannel channel) throws IOException {
        try {
            return channel.lock();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("the store is being started by another server in this process");
        }
    }

    private static DatabaseManagementService build(Path home, Options options, boolean bolt) {
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, bolt)
                .setConfig(BoltConnector.listen_address, new SocketAddress(options.listenHost(), options.boltPort()))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, options.authEnabled())
                // Named, so the initial password file is written where the system database reads it.
                .setConfig(GraphDatabaseInternalSettings.auth_store_directory, authDir(home))
                // LOAD CSV reads no local files: the embedded default lets file:/// read anything this process
                // can (as root, /etc/shadow), for whoever reaches the port. The root is a second lock.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir(home))
                .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes())
                // The defaults preallocate files and wait 10 s at shutdown for Bolt clients; a CLI needs neither.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO);
        if (options.passwordKind() == PasswordKind.PER_RUN) {
            builder.setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0);
        }
        return builder.build();
    }

    /**
     * Sets neo4j's password through the embedded API, which needs no login. It writes the user node's
     * credentials in the system database, the two properties Neo4j's own initial-password update writes:
     * {@code ALTER USER} does the same but, as the process's first administration command, costs about 2 s of
     * CPU in Cypher's planner on a command that takes a few. Should the node not look as expected (another
     * Neo4j version), {@code ALTER USER} does it.
     */
    private static void setPassword(DatabaseManagementService dbms, Secret password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try (Transaction tx = system.beginTx()) {
            Node user = tx.findNode(Label.label("User"), "name", "neo4j");
            if (user != null && user.getProperty("credentials", null) instanceof String stored
                    && stored.startsWith("SHA-256,") && user.hasProperty("passwordChangeRequired")) {
                user.setProperty("credentials", PasswordHash.of(password, new SecureRandom()));
                user.setProperty("passwordChangeRequired", false);
                tx.commit();
                return;
            }
        }
        try {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password.reveal()));
        } catch (QueryExecutionException e) {
            // The initial password file set it while the system database started (the store had the default).
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw new IllegalStateException("cannot set the password of user neo4j: " + rootMessage(e));
            }
        }
    }

    /** Creates {@code dir} readable by this account only when it is missing (its parents as usual). */
    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.getParent());
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another process
        }
    }

    static Path systemDatabaseDir(Path home) {
        return home.resolve("data").resolve("databases").resolve(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    }

    /** Neo4j's default {@code internal.server.directories.auth}: {@code data/dbms}. */
    static Path authDir(Path home) {
        return home.resolve("data").resolve("dbms");
    }

    /** LOAD CSV's root, kept empty and private; file URLs are off anyway. */
    static Path importDir(Path home) {
        return home.resolve("import");
    }

    /** The Bolt URL a driver connects to. */
    public String boltUrl() {
        String host = boltAddress.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "bolt://" + host + ":" + boltAddress.getPort();
    }

    public InetSocketAddress boltAddress() {
        return boltAddress;
    }

    public Options options() {
        return options;
    }

    /** The Neo4j version of the embedded server. */
    public static String neo4jVersion() {
        return Version.getNeo4jVersion();
    }

    @Override
    public void close() {
        dbms.shutdown();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** A message with the password masked, should Neo4j ever quote it. */
    static String scrub(String message, Secret password) {
        return password.isEmpty() ? message : message.replace(password.reveal(), "******");
    }
}
