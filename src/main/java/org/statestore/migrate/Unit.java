package org.statestore.migrate;

/** One versioned change to the database, from a Cypher script or a Java class. */
public sealed interface Unit permits CypherUnit, JavaUnit, RepeatableUnit {

    Version version();

    String description();

    UnitType type();

    /** {@code v1:<hex>} for scripts; what the class declares for Java units. */
    String checksum();

    /** Where the unit came from: a file path, a classpath resource or a class name. */
    String source();

    /** How the unit can be undone. */
    RollbackPlan rollback();
}
