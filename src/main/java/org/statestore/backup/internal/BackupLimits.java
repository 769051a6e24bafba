package org.statestore.backup.internal;

/**
 * The bounds a backup file must keep. A {@code .ssbak} file is untrusted input (its checksum and digest
 * have no key), so every length the reader accepts is capped before memory is taken for it; the writer
 * refuses a database that would need more, so {@code verify} never refuses a file {@code create} wrote.
 */
final class BackupLimits {

    /** The decompressed header line: a real one is under 1 KiB. */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** A label, relationship type, property key, constraint or index name, in characters. */
    static final int MAX_NAME_CHARS = 16 * 1024;
    /** One string property value (or list element), in characters. */
    static final int MAX_STRING_CHARS = 32 * 1024 * 1024;
    /** One record's labels, keys and values, measured by {@link GraphRules#weight} (about bytes on the heap). */
    static final long MAX_RECORD_WEIGHT = 64L * 1024 * 1024;
    /** A schema record's create statement, in characters. */
    static final int MAX_SCHEMA_TEXT = 64 * 1024;
    /** Constraints and indexes in one backup (they are held in memory until the data is in). */
    static final int MAX_SCHEMA_RECORDS = 10_000;
    /** All create statements of one backup together, in characters, for the same reason. */
    static final long MAX_SCHEMA_TOTAL = 4L * 1024 * 1024;
    /** JSON nesting: record, property map, tagged value, list, tagged element, payload. */
    static final int MAX_NESTING = 16;
    /**
     * The smallest record is about 40 bytes of JSON and deflate expands at most 1032 times, so a file
     * cannot hold more records than this many per byte: a header declaring more is refused before
     * anything is sized by it.
     */
    static final long MAX_RECORDS_PER_FILE_BYTE = 1032 / 40 + 1;

    private BackupLimits() {
    }
}
