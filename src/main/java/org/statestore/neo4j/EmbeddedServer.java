package org.statestore.neo4j;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

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
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * An in-process Neo4j Community server whose store lives in one directory and which speaks Bolt on
 * one address, so the rest of statestore talks to it exactly as it talks to a remote server.
 */
public final class EmbeddedServer implements AutoCloseable {

    /** How the embedded server is started. */
    public record Options(Path dataDir, String listenHost, int boltPort, Secret password, long pageCacheBytes) {

        public Options {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(listenHost, "listenHost");
            Objects.requireNonNull(password, "password");
            if (boltPort < 0 || boltPort > 65535) {
                throw new IllegalArgumentException("bolt port must be 0-65535, was " + boltPort);
            }
        }

        /** Loopback, a free port, no authentication: the embedded default of every command. */
        public static Options privateStore(Path dataDir) {
            return new Options(dataDir, "127.0.0.1", 0, Secret.of(""), 128L * 1024 * 1024);
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
        DatabaseManagementService dbms;
        try {
            Files.createDirectories(home);
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(options.listenHost(), options.boltPort()))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, options.authEnabled())
                    .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes())
                    // The defaults preallocate files and wait 10 s at shutdown for Bolt clients; a CLI needs neither.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                    .build();
        } catch (RuntimeException | java.io.IOException e) {
            throw new ConnectionException(ConnectionException.Kind.UNAVAILABLE,
                    "cannot start the embedded Neo4j in " + home + ": " + rootMessage(e));
        }
        try {
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            if (options.authEnabled()) {
                // Embedded API calls bypass authentication, so the password can be set on the system database.
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                        java.util.Map.of("password", options.password().reveal()));
            }
            GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!neo4j.isAvailable(Duration.ofMinutes(2).toMillis())) {
                throw new IllegalStateException("database neo4j did not become available");
            }
            ConnectorPortRegister ports = ((GraphDatabaseAPI) system).getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class);
            var bound = ports.getLocalAddress(ConnectorType.BOLT);
            return new EmbeddedServer(dbms, options, new InetSocketAddress(bound.getHost(), bound.getPort()));
        } catch (RuntimeException e) {
            dbms.shutdown();
            throw new ConnectionException(ConnectionException.Kind.UNAVAILABLE,
                    "embedded Neo4j in " + home + " did not start: " + rootMessage(e));
        }
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
        return org.neo4j.kernel.internal.Version.getNeo4jVersion();
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
}
