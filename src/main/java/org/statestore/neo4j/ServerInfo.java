package org.statestore.neo4j;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's product version and edition, as {@code dbms.components()} reports them. */
public record ServerInfo(String version, String edition) {

    private static final Pattern LEADING_NUMBER = Pattern.compile("\\d{1,9}");

    /** The major version number, or 0 when the version text has none. */
    public int majorVersion() {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether the version's leading number is below 5 ({@code 4.4.48}; not {@code 5.26.30} or {@code 2025.10.1}). A
     * version that does not start with a number is not below: refusing it could lock out a newer server whose version
     * reads differently, while an old one only fails later, as it did before the check existed.
     */
    public boolean belowNeo4j5() {
        Matcher m = LEADING_NUMBER.matcher(version == null ? "" : version);
        return m.lookingAt() && Integer.parseInt(m.group()) < 5;
    }
}
