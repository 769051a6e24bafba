package org.statestore.backup.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.statestore.backup.BackupCounts;
import org.statestore.backup.BackupHeader;
import org.statestore.backup.HistoryHead;
import org.statestore.text.internal.Printable;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a {@link BackupHeader} from the first line of a {@code .ssbak} file, trusting none of it. */
public final class BackupHeaderJson {

    private BackupHeaderJson() {
    }

    private static final Pattern DIGEST = Pattern.compile("v1:[0-9a-f]{64}");

    /** Reads a header object; throws {@link BackupFormatException} naming the first bad field. */
    public static BackupHeader fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new BackupFormatException("the header is not a JSON object");
        }
        if (!BackupFormat.FORMAT_NAME.equals(n.path("format").asText(null))) {
            throw new BackupFormatException("not a statestore backup (format field is "
                    + (n.has("format") ? Printable.quote(n.path("format").asText()) : "missing") + ")");
        }
        int version = n.path("formatVersion").isInt() ? n.path("formatVersion").asInt() : -1;
        if (version != BackupFormat.FORMAT_VERSION) {
            throw new BackupFormatException("unsupported backup format version "
                    + Printable.quote(n.path("formatVersion").toString()) + " (this statestore reads version "
                    + BackupFormat.FORMAT_VERSION + ")");
        }
        JsonNode c = n.path("counts");
        BackupCounts counts = new BackupCounts(count(c, "nodes"), count(c, "relationships"),
                count(c, "constraints"), count(c, "indexes"));
        JsonNode h = n.path("historyHead");
        Optional<HistoryHead> head;
        if (h.isObject()) {
            head = Optional.of(new HistoryHead(textField(h, "version"), longField(h, "seq")));
        } else if (h.isMissingNode() || h.isNull()) {
            head = Optional.empty();
        } else {
            throw new BackupFormatException("header field historyHead is neither an object nor null");
        }
        Instant created;
        try {
            created = Instant.parse(textField(n, "createdAt"));
        } catch (DateTimeParseException e) {
            throw new BackupFormatException("header field createdAt is not a UTC time");
        }
        String digest = textField(n, "contentDigest");
        if (!DIGEST.matcher(digest).matches()) {
            throw new BackupFormatException("header field contentDigest is not v1: and 64 hex digits");
        }
        long skipped = n.has("skippedRelationships") ? count(n, "skippedRelationships") : 0;
        JsonNode consistency = n.path("consistency");
        if (!consistency.isMissingNode() && !consistency.isTextual()) {
            throw new BackupFormatException("header field consistency is not text");
        }
        return new BackupHeader(version, textField(n, "toolVersion"), textField(n, "serverVersion"),
                textField(n, "database"), created, counts, skipped, head, digest, consistency.asText(""));
    }

    private static String textField(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || !v.isTextual()) {
            throw new BackupFormatException("header field " + name + " is missing or not text");
        }
        return v.asText();
    }

    private static long longField(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BackupFormatException("header field " + name + " is missing or not an integer");
        }
        return v.asLong();
    }

    private static long count(JsonNode n, String name) {
        long v = longField(n, name);
        if (v < 0) {
            throw new BackupFormatException("header field " + name + " is negative");
        }
        return v;
    }
}
