package org.statestore.migrate;

/** What a unit is made of. */
public enum UnitType {
    CYPHER,
    JAVA,
    /** An {@code R__<Description>.cypher} script that runs again whenever it changes. */
    REPEATABLE
}
