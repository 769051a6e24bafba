package org.statestore.neo4j;

/** The server's product version and edition, as {@code dbms.components()} reports them. */
public record ServerInfo(String version, String edition) {

    /** The major version number, or 0 when the version text has none. */
    public int majorVersion() {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
