package org.statestore.alchemiscale;

import java.util.List;
import java.util.Objects;

/**
 * A node property uniqueness constraint as alchemiscale defines it: a name, one label, one property.
 *
 * @param name     the constraint's name, which alchemiscale's check compares
 * @param label    the one label it covers
 * @param property the one property it covers
 */
record UniqueConstraint(String name, String label, String property) {

    /** alchemiscale's four constraints, unchanged since v0.1.0; its {@code database check} accepts exactly these. */
    public static final List<UniqueConstraint> ALCHEMISCALE = List.of(
            new UniqueConstraint("scoped_key", "GufeTokenizable", "_scoped_key"),
            new UniqueConstraint("user_identifier", "CredentialedUserIdentity", "identifier"),
            new UniqueConstraint("compute_identifier", "CredentialedComputeIdentity", "identifier"),
            new UniqueConstraint("compute_service_registration_identifier", "ComputeServiceRegistration", "identifier"));

    public UniqueConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(property, "property");
    }

    /** How people read it: {@code scoped_key (:GufeTokenizable(_scoped_key) IS UNIQUE)}. */
    public String describe() {
        return name + " (:" + label + "(" + property + ") IS UNIQUE)";
    }

    /**
     * The statement that creates it. Names, labels and properties come only from {@link #ALCHEMISCALE}, a
     * fixed list in code: Cypher cannot take them as parameters.
     */
    String createStatement() {
        return "CREATE CONSTRAINT " + name + " IF NOT EXISTS FOR (n:" + label + ") REQUIRE n." + property + " IS UNIQUE";
    }

    /** The statement that drops it when present (from the same fixed list). */
    String dropStatement() {
        return "DROP CONSTRAINT " + name + " IF EXISTS";
    }
}
