package org.statestore.migrate;

/** What a unit is made of. */
public enum UnitType {
    CYPHER,
    JAVA
}
