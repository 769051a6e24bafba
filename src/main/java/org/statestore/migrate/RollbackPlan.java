package org.statestore.migrate;

import java.util.List;
import java.util.Objects;

import org.statestore.cypher.CypherScript;
import org.statestore.cypher.Statement;
import org.statestore.history.RecordedRollback;
import org.statestore.migrate.internal.Checksums;

/** How a unit can be undone, as the unit declares it. */
public sealed interface RollbackPlan {

    /** The unit's own words on rolling it back (from a {@code // rollback:} header or a Java method); may be empty. */
    String note();

    /** What the history entry of an applied run records, so undo works without the local files. */
    RecordedRollback recorded();

    /** A {@code U<version>__<Description>.cypher} script beside the unit. */
    record UndoScript(String source, CypherScript script, String note) implements RollbackPlan {
        public UndoScript {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(script, "script");
            Objects.requireNonNull(note, "note");
        }

        public String checksum() {
            return Checksums.ofScript(script);
        }

        @Override
        public RecordedRollback recorded() {
            return new RecordedRollback(RecordedRollback.UNDO_SCRIPT, note,
                    script.statements().stream().map(Statement::text).toList(), checksum(), source, "");
        }
    }

    /** The Java unit's own {@link JavaMigration#undo} method. */
    record JavaUndo(String className, String note) implements RollbackPlan {
        @Override
        public RecordedRollback recorded() {
            return new RecordedRollback(RecordedRollback.JAVA_UNDO, note, List.of(), "", className, "");
        }
    }

    /** Nothing can undo the unit; restoring a backup is the way back. */
    record Irreversible(String note) implements RollbackPlan {
        @Override
        public RecordedRollback recorded() {
            return new RecordedRollback(RecordedRollback.IRREVERSIBLE, note, List.of(), "", "", "");
        }
    }
}
