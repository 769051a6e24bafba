package org.statestore.neo4j.internal.engine;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
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
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;
import org.statestore.neo4j.Secret;
import org.statestore.neo4j.internal.EmbeddedServer;
import org.statestore.neo4j.internal.Neo4jEngine;
import org.statestore.neo4j.internal.PasswordHash;

/** The embedded Neo4j Community server's API, behind {@link Neo4jEngine}. */
public final class CommunityEngine implements Neo4jEngine {

    @Override
    public Dbms start(Path home, EmbeddedServer.Options options, Path authDir, Path importDir, boolean bolt) {
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, bolt)
                .setConfig(BoltConnector.listen_address, new SocketAddress(options.listenHost(), options.boltPort()))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, options.authEnabled())
                // Named, so the initial password file is written where the system database reads it.
                .setConfig(GraphDatabaseInternalSettings.auth_store_directory, authDir)
                // LOAD CSV reads no local files: the embedded default lets file:/// read anything this process
                // can (as root, /etc/shadow), for whoever reaches the port. The root is a second lock.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes())
                // The defaults preallocate files and wait 10 s at shutdown for Bolt clients; a CLI needs neither.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO);
        if (options.passwordKind() == EmbeddedServer.PasswordKind.PER_RUN) {
            builder.setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0);
        }
        return new StartedDbms(withOwnLoader(builder::build));
    }

    @Override
    public String version() {
        return Version.getNeo4jVersion();
    }

    @Override
    public int admin(Path home, Path conf, PrintStream out, PrintStream err, String... args) {
        return withOwnLoader(() -> {
            try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
                return AdminTool.execute(new ExecutionContext(home, conf, out, err, fs), args);
            }
        });
    }

    /**
     * Runs {@code work} with this class's loader as the thread's context loader: Neo4j finds its extensions and
     * Log4j its plugins through it, and the threads a start creates inherit it.
     */
    private static <T> T withOwnLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CommunityEngine.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** One started DBMS. */
    private record StartedDbms(DatabaseManagementService dbms) implements Dbms {

        @Override
        public boolean awaitDefaultDatabase(Duration timeout) {
            GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            return neo4j.isAvailable(timeout.toMillis());
        }

        @Override
        public InetSocketAddress boltAddress() {
            ConnectorPortRegister ports = ((GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME))
                    .getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
            var bound = ports.getLocalAddress(ConnectorType.BOLT);
            return new InetSocketAddress(bound.getHost(), bound.getPort());
        }

        /**
         * Sets neo4j's password through the embedded API, which needs no login. It writes the user node's
         * credentials in the system database, the two properties Neo4j's own initial-password update writes:
         * {@code ALTER USER} does the same but, as the process's first administration command, costs about 2 s
         * of CPU in Cypher's planner on a command that takes a few. Should the node not look as expected
         * (another Neo4j version), {@code ALTER USER} does it.
         */
        @Override
        public void setPassword(Secret password) {
            withOwnLoader(() -> {
                setPasswordHere(password);
                return null;
            });
        }

        private void setPasswordHere(Secret password) {
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
                    throw new IllegalStateException("cannot set the password of user neo4j: "
                            + EmbeddedServer.rootMessage(e));
                }
            }
        }

        @Override
        public void shutdown() {
            withOwnLoader(() -> {
                dbms.shutdown();
                return null;
            });
        }
    }
}
