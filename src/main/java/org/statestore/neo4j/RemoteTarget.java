package org.statestore.neo4j;

import org.neo4j.driver.Driver;

/** A Neo4j server reached over Bolt or the routing {@code neo4j://} scheme. */
public record RemoteTarget(Driver driver, String database, ServerInfo server, String description)
        implements Neo4jTarget {

    @Override
    public void close() {
        driver.close();
    }
}
