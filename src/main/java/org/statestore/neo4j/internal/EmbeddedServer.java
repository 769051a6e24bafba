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
import java.util.Objects;

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

    private final Neo4jEngine.Dbms dbms;
    private final Options options;
    private final InetSocketAddress boltAddress;

    private EmbeddedServer(Neo4jEngine.Dbms dbms, Options options, InetSocketAddress boltAddress) {
        this.dbms = dbms;
        this.options = options;
        this.boltAddress = boltAddress;
    }

    /** Starts the server; fails with {@link ConnectionException} (UNAVAILABLE) when the store cannot start. */
    public static EmbeddedServer start(Options options) {
        Neo4jEngine engine = EngineLoader.engine();
        Path home = options.dataDir().toAbsolutePath().normalize();
        boolean existing = Files.isDirectory(systemDatabaseDir(home));
        Neo4jEngine.Dbms dbms;
        try {
            createPrivateDirectory(home);
            createPrivateDirectory(importDir(home));
            dbms = options.authEnabled() ? startWithPassword(engine, home, options, existing)
                    : build(engine, home, options, true);
        } catch (RuntimeException | IOException e) {
            throw new ConnectionException(ConnectionException.Kind.UNAVAILABLE,
                    "cannot start the embedded Neo4j in " + home + ": " + scrub(rootMessage(e), options.password()));
        }
        try {
            if (options.authEnabled() && existing && options.passwordKind() == PasswordKind.PER_RUN) {
                dbms.setPassword(options.password());
            }
            if (!dbms.awaitDefaultDatabase(Duration.ofMinutes(2))) {
                throw new IllegalStateException("database neo4j did not become available");
            }
            return new EmbeddedServer(dbms, options, dbms.boltAddress());
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
    private static Neo4jEngine.Dbms startWithPassword(Neo4jEngine engine, Path home, Options options, boolean existing)
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
                    Neo4jEngine.Dbms setup = build(engine, home, options, false);
                    try {
                        setup.setPassword(options.password());
                    } finally {
                        setup.shutdown();
                    }
                }
                return build(engine, home, options, true);
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

    private static Neo4jEngine.Dbms build(Neo4jEngine engine, Path home, Options options, boolean bolt) {
        return engine.start(home, options, authDir(home), importDir(home), bolt);
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
        return home.resolve("data").resolve("databases").resolve("system");
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
        return EngineLoader.engine().version();
    }

    @Override
    public void close() {
        dbms.shutdown();
    }

    /** The first line of the innermost cause's message (Neo4j wraps its reasons deeply). */
    public static String rootMessage(Throwable e) {
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
