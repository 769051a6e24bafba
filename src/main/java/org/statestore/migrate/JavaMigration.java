package org.statestore.migrate;

import org.statestore.migrate.internal.Checksums;

/**
 * A unit written in Java, for changes a script cannot express (computed values, batched rewrites with
 * progress). The class is named {@code V<version>__<Description>}, has a public no-argument constructor,
 * and is listed in {@code META-INF/services/org.statestore.migrate.JavaMigration} so it is found without
 * scanning the classpath.
 *
 * <p>A Java unit runs outside the engine's transaction: it opens its own sessions from the context and
 * must be idempotent (a crash half-way reruns it).
 */
public interface JavaMigration {

    /** Applies the change. Any exception fails the unit and is recorded with its message. */
    void apply(MigrationContext context) throws Exception;

    /**
     * Bump when the unit's behaviour changes, so {@code migrate info} shows the applied record no longer
     * matches the code.
     */
    default int revision() {
        return 1;
    }

    /** True when {@link #undo} is implemented; otherwise the unit is irreversible (unless a U script exists). */
    default boolean reversible() {
        return false;
    }

    /** Reverts what {@link #apply} did; idempotent like apply. Only called when {@link #reversible()}. */
    default void undo(MigrationContext context) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " declares no undo");
    }

    /** A human note on rolling the unit back (recorded with every applied run); empty by default. */
    default String rollbackNote() {
        return "";
    }

    /** The recorded checksum; by default derived from the class name and {@link #revision()}. */
    default String checksum() {
        return Checksums.ofJavaUnit(getClass().getName(), revision());
    }
}
