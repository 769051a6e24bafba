package org.statestore.backup.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .ssbak} file layout and the backup file names.
 *
 * <pre>
 * gzip member 1   one JSON line: the header (format, versions, database, time, counts, digest, history head)
 * gzip member 2+  JSON lines: schema definitions, nodes, relationships, then an end record with the counts
 * trailer         "SSBAK-SHA256 " + 64 hex digits + "\n": SHA-256 of every byte before the trailer
 * </pre>
 */
public final class BackupFormat {

    /** The {@code format} field of every header. */
    public static final String FORMAT_NAME = "statestore-backup";
    /** The version of the layout this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** File name extension of online backups. */
    public static final String EXTENSION = ".ssbak";
    /** File name extension of offline dumps (Neo4j's own format). */
    public static final String DUMP_EXTENSION = ".dump";

    static final byte[] TRAILER_PREFIX = "SSBAK-SHA256 ".getBytes(StandardCharsets.US_ASCII);
    /** Prefix, 64 hex digits, newline. */
    static final int TRAILER_LENGTH = TRAILER_PREFIX.length + 64 + 1;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(.+)-(\\d{8}T\\d{6}Z)(\\.ssbak|\\.dump)");

    private BackupFormat() {
    }

    /** {@code <database>-<yyyyMMdd'T'HHmmss'Z'>.ssbak}. */
    public static String fileName(String database, Instant time) {
        return database + "-" + STAMP.format(time) + EXTENSION;
    }

    /** {@code <database>-<yyyyMMdd'T'HHmmss'Z'>.dump}. */
    public static String dumpFileName(String database, Instant time) {
        return database + "-" + STAMP.format(time) + DUMP_EXTENSION;
    }

    /** The time encoded in a backup file name, when the name follows the pattern. */
    static Optional<Instant> timeFromName(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(STAMP.parse(m.group(2))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static boolean isBackupName(String fileName) {
        return NAME.matcher(fileName).matches();
    }
}
