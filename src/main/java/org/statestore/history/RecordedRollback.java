package org.statestore.history;

import java.util.List;
import java.util.Objects;

/**
 * How to undo one applied run, recorded with it so that an older release, which may no longer ship the
 * unit's files, can still roll it back: undo runs from this record, not from local files.
 *
 * @param kind       {@link #UNDO_SCRIPT}, {@link #JAVA_UNDO} or {@link #IRREVERSIBLE}
 * @param note       the unit's own words on rolling back; may be empty
 * @param statements the undo script's statements, exactly as they run (undo scripts only)
 * @param checksum   the undo script's checksum (undo scripts only)
 * @param source     where the undo came from: the script's file, or the Java class
 * @param backup     the backup taken before the run, to restore when nothing else helps; may be empty
 */
public record RecordedRollback(String kind, String note, List<String> statements, String checksum, String source,
                               String backup) {

    public static final String UNDO_SCRIPT = "undo-script";
    public static final String JAVA_UNDO = "java-undo";
    public static final String IRREVERSIBLE = "irreversible";

    public RecordedRollback {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(note, "note");
        statements = List.copyOf(statements);
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(backup, "backup");
    }

    /** Nothing recorded (baselines, entries written before rollback notes existed). */
    public static RecordedRollback none() {
        return new RecordedRollback(IRREVERSIBLE, "", List.of(), "", "", "");
    }

    public boolean reversible() {
        return !IRREVERSIBLE.equals(kind);
    }

    /** One line for people: the kind, the note, the backup. */
    public String summary() {
        StringBuilder s = new StringBuilder(kind);
        if (!note.isEmpty()) {
            s.append(": ").append(note);
        }
        if (!backup.isEmpty()) {
            s.append(" (backup: ").append(backup).append(')');
        }
        return s.toString();
    }

    public RecordedRollback withBackup(String file) {
        return new RecordedRollback(kind, note, statements, checksum, source, file);
    }
}
