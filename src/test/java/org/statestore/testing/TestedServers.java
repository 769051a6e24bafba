package org.statestore.testing;

import java.util.List;

/** The Neo4j versions every CI run starts in their own JVMs; README's "Tested Neo4j versions" lists them. */
public final class TestedServers {

    /** Where alchemiscale v0.3 operators start: refused below 5.0 but for the identity commands. */
    public static final String BELOW_FIVE = "4.4.48";
    /** The version alchemiscale's manual names for v0.4. */
    public static final String MANUAL = "5.18.1";
    /** The newest calendar release Maven Central served when the test was written. */
    public static final String NEWEST = "2026.08.1";

    private TestedServers() {
    }

    /** The versions above with the embedded one, oldest first. */
    public static List<String> all() {
        return List.of(BELOW_FIVE, MANUAL, "5.26.30", NEWEST);
    }
}
