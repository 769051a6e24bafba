package org.statestore.neo4j;

/** Getting to the database failed; {@link #kind()} tells whether retrying or fixing credentials helps. */
public final class ConnectionException extends RuntimeException {

    /** Why the target could not be used. */
    public enum Kind {
        /** Not reachable before the deadline (refused, unknown host, still starting). */
        UNREACHABLE,
        /** The server answered and refused the credentials or the permission. */
        AUTHENTICATION,
        /** The database named does not exist on the server, or the embedded store could not start. */
        UNAVAILABLE
    }

    private final Kind kind;

    public ConnectionException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
