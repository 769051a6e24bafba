package org.statestore.neo4j;

/**
 * What an open store is connected to, for people and reports: a read-only value that carries no driver.
 *
 * @param description one line naming the target, without secrets
 * @param database    the database's name
 * @param server      what the server reported of itself at connect time
 */
public record ConnectedServer(String description, String database, ServerInfo server) {

    /** The server's product version. */
    public String version() {
        return server.version();
    }
}
