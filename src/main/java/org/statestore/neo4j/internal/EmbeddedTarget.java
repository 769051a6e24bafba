package org.statestore.neo4j.internal;

import org.neo4j.driver.Driver;
import org.statestore.neo4j.ServerInfo;

/** The embedded default: a server started in this process for the length of one command, and a driver to it. */
public record EmbeddedTarget(EmbeddedServer embedded, Driver driver, String database, ServerInfo server,
                             String description) implements Neo4jTarget {

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            embedded.close();
        }
    }
}
