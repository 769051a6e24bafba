package org.statestore.backup;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.statestore.backup.internal.BackupFormat;
import org.statestore.text.internal.Printable;

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
     * The header with control, format and separator characters in every text field escaped: what {@code verify},
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
}
