package org.statestore.backup;

import org.statestore.text.Printable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The first line of a {@code .ssbak} file: what was backed up, from where, when, and what the body must
 * hold ({@link #counts()} and the order-independent {@link #contentDigest()}).
 *
 * @param skippedRelationships relationships left out because an endpoint was created after the node scan
 *                             passed it (only possible while other clients write during the dump)
 */
public record BackupHeader(int formatVersion, String toolVersion, String serverVersion, String database,
                           Instant createdAt, BackupCounts counts, long skippedRelationships,
                           Optional<HistoryHead> historyHead, String contentDigest, String consistency) {

    public BackupHeader {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(historyHead, "historyHead");
        Objects.requireNonNull(contentDigest, "contentDigest");
        Objects.requireNonNull(consistency, "consistency");
    }

    /** The header as the JSON object written to the file (and printed by {@code --output json}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", BackupFormat.FORMAT_NAME);
        m.put("formatVersion", formatVersion);
        m.put("toolVersion", toolVersion);
        m.put("serverVersion", serverVersion);
        m.put("database", database);
        m.put("createdAt", createdAt.toString());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("nodes", counts.nodes());
        c.put("relationships", counts.relationships());
        c.put("constraints", counts.constraints());
        c.put("indexes", counts.indexes());
        m.put("counts", c);
        m.put("skippedRelationships", skippedRelationships);
        m.put("historyHead", historyHead.map(h -> {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("version", h.version());
            hm.put("seq", h.seq());
            return (Object) hm;
        }).orElse(null));
        m.put("contentDigest", contentDigest);
        m.put("consistency", consistency);
        return m;
    }

    /**
     * The header with every text field passed through {@link Printable#escape}: what {@code verify},
     * {@code list} and {@code restore} print, since a file can put terminal escape sequences in any field.
     */
    public Map<String, Object> toPrintableMap() {
        Map<String, Object> m = toMap();
        m.replaceAll((k, v) -> printable(v));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Object printable(Object v) {
        if (v instanceof String s) {
            return Printable.escape(s);
        }
        if (v instanceof Map<?, ?> inner) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) inner);
            copy.replaceAll((k, x) -> printable(x));
            return copy;
        }
        return v;
    }

    private static final java.util.regex.Pattern DIGEST = java.util.regex.Pattern.compile("v1:[0-9a-f]{64}");

    /** Reads a header object; throws {@link BackupFormatException} naming the first bad field. */
    static BackupHeader fromJson(JsonNode n) {
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
