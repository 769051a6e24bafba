package org.statestore.neo4j.internal;

import org.neo4j.driver.Driver;
import org.statestore.neo4j.ServerInfo;

/** A Neo4j server reached over Bolt or the routing {@code neo4j://} scheme. */
public record RemoteTarget(Driver driver, String database, ServerInfo server, String description)
        implements Neo4jTarget {

    /**
     * Closes the driver's connections without waiting for its IO threads: their shutdown has a fixed
     * 200 ms quiet period, a quarter of a no-op {@code migrate up}, and nothing is left for them to do
     * (every transaction has committed or rolled back by now). They end on their own.
     */
    @Override
    public void close() {
        driver.closeAsync();
    }
}
