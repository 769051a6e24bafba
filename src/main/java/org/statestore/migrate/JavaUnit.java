package org.statestore.migrate;

import java.util.Objects;

/** A unit implemented by a {@link JavaMigration} class named {@code V<version>__<Description>}. */
public record JavaUnit(Version version, String description, JavaMigration migration) implements Unit {

    public JavaUnit {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(migration, "migration");
    }

    /** Reads version and description from the class's simple name. */
    public static JavaUnit of(JavaMigration migration) {
        String name = migration.getClass().getSimpleName();
        UnitName parsed = UnitName.parse(name).orElseThrow(() -> new UnitDiscoveryException(
                "Java unit " + migration.getClass().getName() + " is not named " + UnitName.rule()));
        return new JavaUnit(parsed.version(), parsed.description(), migration);
    }

    @Override
    public UnitType type() {
        return UnitType.JAVA;
    }

    @Override
    public String checksum() {
        return migration.checksum();
    }

    @Override
    public String source() {
        return migration.getClass().getName();
    }
}
