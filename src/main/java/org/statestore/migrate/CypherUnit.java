package org.statestore.migrate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.statestore.cypher.CypherScript;
import org.statestore.migrate.internal.Checksums;

/**
 * A unit read from a {@code V<version>__<Description>.cypher} file, with its undo script when a
 * {@code U<version>__...cypher} file stands beside it, the note from its {@code // rollback:} header, and the
 * {@code // requires:} / {@code // skip-unless:} preconditions of its header.
 */
public record CypherUnit(Version version, String description, String source, CypherScript script, String rollbackNote,
                         Optional<RollbackPlan.UndoScript> undo, List<Precondition> preconditions) implements Unit {

    public CypherUnit {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(rollbackNote, "rollbackNote");
        Objects.requireNonNull(undo, "undo");
        preconditions = List.copyOf(preconditions);
    }

    /** A unit without preconditions. */
    public CypherUnit(Version version, String description, String source, CypherScript script, String rollbackNote,
                      Optional<RollbackPlan.UndoScript> undo) {
        this(version, description, source, script, rollbackNote, undo, List.of());
    }

    /** A unit without undo script or rollback note. */
    public CypherUnit(Version version, String description, String source, CypherScript script) {
        this(version, description, source, script, "", Optional.empty());
    }

    /** The same unit, undone by {@code script}. */
    public CypherUnit withUndo(RollbackPlan.UndoScript script) {
        return new CypherUnit(version, description, source, this.script, rollbackNote, Optional.of(script), preconditions);
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
