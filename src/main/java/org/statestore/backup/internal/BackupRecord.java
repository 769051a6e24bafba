package org.statestore.backup.internal;

import java.util.List;
import java.util.Objects;
import java.util.Map;

import org.statestore.backup.BackupCounts;

/** One line of a backup's body, in file order: schema definitions, nodes, relationships, the end record. */
sealed interface BackupRecord permits SchemaDefinition, BackupRecord.NodeRecord, BackupRecord.RelationshipRecord,
        BackupRecord.EndRecord {

    /** A node: its id in the backup (the source's internal id), labels (sorted) and properties (keys sorted). */
    record NodeRecord(long id, List<String> labels, Map<String, Object> properties) implements BackupRecord {
        public NodeRecord {
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(properties, "properties");
        }
    }

    /** A relationship between two nodes named by their backup ids; properties with keys sorted. */
    record RelationshipRecord(long start, long end, String type, Map<String, Object> properties)
            implements BackupRecord {
        public RelationshipRecord {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(properties, "properties");
        }
    }

    /** The last record: the counts the writer wrote, so a body cut at a line boundary is noticed. */
    record EndRecord(BackupCounts counts) implements BackupRecord {
    }
}
