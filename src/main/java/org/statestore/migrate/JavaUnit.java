package org.statestore.migrate;

import java.util.Objects;
import java.util.Optional;

import org.statestore.migrate.internal.UnitName;

/**
 * A unit implemented by a {@link JavaMigration} class named {@code V<version>__<Description>}, undone by
 * its own {@link JavaMigration#undo} method or by a {@code U<version>__...cypher} script beside it.
 */
public record JavaUnit(Version version, String description, JavaMigration migration,
                       Optional<RollbackPlan.UndoScript> undo) implements Unit {

    public JavaUnit {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(undo, "undo");
    }

    /** Reads version and description from the class's simple name. */
    public static JavaUnit of(JavaMigration migration) {
        String name = migration.getClass().getSimpleName();
        UnitName parsed = UnitName.parse(name).orElseThrow(() -> new UnitDiscoveryException(
                "Java unit " + migration.getClass().getName() + " is not named " + UnitName.rule()));
        return new JavaUnit(parsed.version(), parsed.description(), migration, Optional.empty());
    }

    /** The same unit, undone by {@code script}. */
    public JavaUnit withUndo(RollbackPlan.UndoScript script) {
        return new JavaUnit(version, description, migration, Optional.of(script));
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

    @Override
    public RollbackPlan rollback() {
        if (undo.isPresent()) {
            RollbackPlan.UndoScript u = undo.get();
            String note = migration.rollbackNote().isEmpty() ? u.note() : migration.rollbackNote();
            return new RollbackPlan.UndoScript(u.source(), u.script(), note);
        }
        if (migration.reversible()) {
            return new RollbackPlan.JavaUndo(migration.getClass().getName(), migration.rollbackNote());
        }
        return new RollbackPlan.Irreversible(migration.rollbackNote());
    }
}
