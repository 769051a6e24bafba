package org.statestore.neo4j.internal;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import org.statestore.neo4j.Secret;

/**
 * The part of the embedded Neo4j's own API statestore calls. Its one implementation
 * ({@code org.statestore.neo4j.internal.engine.CommunityEngine}) is the only code that touches Neo4j's server
 * classes, so {@link EngineLoader} can load it, with the server's jars, in a class loader of their own.
 */
public interface Neo4jEngine {

    /**
     * Builds and starts a DBMS whose home is {@code home}, configured as {@code options} say, its Bolt connector
     * on or off; the auth store in {@code authDir}, LOAD CSV's root at {@code importDir}.
     */
    Dbms start(Path home, EmbeddedServer.Options options, Path authDir, Path importDir, boolean bolt);

    /** The Neo4j version of the embedded server ({@code 5.26.30}). */
    String version();

    /** Runs Neo4j's admin tool ({@code neo4j-admin args...}) on {@code home} with the configuration in {@code conf}. */
    int admin(Path home, Path conf, PrintStream out, PrintStream err, String... args);

    /** A started DBMS. */
    interface Dbms {

        /** Waits for database {@code neo4j}; false when it did not become available within {@code timeout}. */
        boolean awaitDefaultDatabase(Duration timeout);

        /** Where the Bolt connector listens (after the start bound it). */
        InetSocketAddress boltAddress();

        /**
         * Gives user {@code neo4j} the password; an {@link IllegalStateException} when it cannot.
         */
        void setPassword(Secret password);

        void shutdown();
    }
}
