package org.statestore.neo4j.internal;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.statestore.neo4j.ServerInfo;

/**
 * An open connection to the database statestore works on: a driver, the database's name and what
 * the server is. Closing it closes the driver and, for the embedded default, stops the server.
 */
public sealed interface Neo4jTarget extends AutoCloseable permits RemoteTarget, EmbeddedTarget {

    Driver driver();

    String database();

    /** What the server reported of itself at connect time. */
    ServerInfo server();

    /** One line for humans: which target this is, without secrets. */
    String description();

    default SessionConfig sessionConfig() {
        return SessionConfig.forDatabase(database());
    }

    default Session session() {
        return driver().session(sessionConfig());
    }

    @Override
    void close();
}
