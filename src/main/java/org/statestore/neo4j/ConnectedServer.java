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

    /**
     * Refuses a server below Neo4j 5.0 with one line naming its version and the way to Neo4j 5: the history, the
     * lease, backups and alchemiscale's operations use Cypher that 4.x lacks ({@code elementId}, the columns of
     * {@code SHOW CONSTRAINTS}), while the identities' plain Cypher still runs there.
     *
     * @param what the operation refused, as the message names it: a command ({@code migrate up}) or a facade method
     * @throws UnsupportedServerException when the server is below 5.0
     */
    public void requireNeo4j5(String what) {
        if (server.belowNeo4j5()) {
            // The 4.x admin tool's own syntax (5's is "database dump"); it needs the server stopped.
            String dump = database + ".dump";
            throw new UnsupportedServerException(server, "Neo4j " + server.version() + " is below 5.0, which " + what
                    + " needs; identity commands still work on it. Move the store to Neo4j 5: stop the server, run "
                    + "neo4j-admin dump --database=" + database + " --to=" + dump + ", then statestore upgrade store "
                    + "--from-dump " + dump + " --into URL of an empty Neo4j 5 server (or --data-dir DIR; its --help "
                    + "says which --target fits your alchemiscale release)");
        }
    }
}
