package org.statestore.migrate;

import java.util.Objects;
import java.util.Optional;

import org.statestore.cypher.CypherScript;

/**
 * A unit read from a {@code V<version>__<Description>.cypher} file, with its undo script when a
 * {@code U<version>__...cypher} file stands beside it, and the note from its {@code // rollback:} header.
 */
public record CypherUnit(Version version, String description, String source, CypherScript script, String rollbackNote,
                         Optional<RollbackPlan.UndoScript> undo) implements Unit {

    public CypherUnit {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(rollbackNote, "rollbackNote");
        Objects.requireNonNull(undo, "undo");
    }

    /** A unit without undo script or rollback note. */
    public CypherUnit(Version version, String description, String source, CypherScript script) {
        this(version, description, source, script, "", Optional.empty());
    }

    /** The same unit, undone by {@code script}. */
    public CypherUnit withUndo(RollbackPlan.UndoScript script) {
        return new CypherUnit(version, description, source, this.script, rollbackNote, Optional.of(script));
    }

    @Override
    public UnitType type() {
        return UnitType.CYPHER;
    }

    @Override
    public String checksum() {
        return Checksums.ofScript(script);
    }

    @Override
    public RollbackPlan rollback() {
        if (undo.isPresent()) {
            RollbackPlan.UndoScript u = undo.get();
            return new RollbackPlan.UndoScript(u.source(), u.script(), rollbackNote.isEmpty() ? u.note() : rollbackNote);
        }
        return new RollbackPlan.Irreversible(rollbackNote);
    }
}
