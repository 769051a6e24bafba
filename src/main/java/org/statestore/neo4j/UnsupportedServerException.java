package org.statestore.neo4j;

/**
 * The server runs a Neo4j version the operation does not support (below 5.0). The message is one line naming the
 * version and the way forward; {@link #server()} is what the server reported.
 */
public final class UnsupportedServerException extends RuntimeException {

    private final transient ServerInfo server;

    public UnsupportedServerException(ServerInfo server, String message) {
        super(message, null, false, false);
        this.server = server;
    }

    public ServerInfo server() {
        return server;
    }
}
