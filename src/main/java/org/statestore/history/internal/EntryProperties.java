package org.statestore.history.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.statestore.history.EntryError;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.MalformedChainException;
import org.statestore.history.RecordedRollback;

/**
 * Turns an entry node's properties into a {@link HistoryEntry}, checking each property it reads: a required
 * one missing, or any one of the wrong type, is a {@link MalformedChainException} naming the entry and the
 * property, rather than a driver coercion error deep in planning.
 *
 * <p>Required are the properties every statestore release has written and planning cannot do without:
 * {@code seq}, {@code version}, {@code state}, {@code installed_on}. The others default as they always have
 * (entries of early releases lack the rollback and resume properties).
 */
final class EntryProperties {

    // The form migrate.Version parses, or a repeatable run's "R": checked here so a forged version is a
    // malformed chain, not an exception when the plan parses it.
    private static final Pattern VERSION = Pattern.compile("\\d+([._]\\d+)*|R");

    private final Map<String, Object> p;
    private final String who;

    private EntryProperties(Map<String, Object> properties, String who) {
        this.p = properties;
        this.who = who;
    }

    /** The entry with element id {@code id}, named in messages by its seq ("entry seq 3"). */
    static HistoryEntry toEntry(String id, Map<String, Object> properties) {
        Object seq = properties.get("seq");
        return new EntryProperties(properties, seq instanceof Long ? "entry seq " + seq : "entry " + id).entry(id);
    }

    private HistoryEntry entry(String id) {
        long seq = required("seq", Long.class, "an integer");
        String version = required("version", String.class, "a string");
        if (!VERSION.matcher(version).matches()) {
            throw malformed("has version '" + version + "' (expected digits separated by '.' or '_', or R)");
        }
        String stateText = required("state", String.class, "a string");
        EntryState state = state(stateText);
        ZonedDateTime installedOn = required("installed_on", ZonedDateTime.class, "a datetime");

        Optional<EntryError> error = optional("error_code", String.class, "a string")
                .map(code -> new EntryError(code, string("error_message"),
                        (int) optional("failed_statement", Long.class, "an integer").orElse(0L).longValue()));
        Optional<Duration> time = optional("execution_time_ms", Long.class, "an integer").map(Duration::ofMillis);
        RecordedRollback rollback = new RecordedRollback(
                optional("rollback_kind", String.class, "a string").orElse(RecordedRollback.IRREVERSIBLE),
                string("rollback_note"), strings("rollback_statements"), string("rollback_checksum"),
                string("rollback_source"), string("rollback_backup"));
        Optional<ZonedDateTime> undone = optional("undone_on", ZonedDateTime.class, "a datetime");
        return new HistoryEntry(id, seq, version, string("description"), string("type"), string("checksum"),
                string("source"), string("installed_by"), installedOn, time, state, rollback,
                string("transaction_mode"),
                (int) optional("statements_done", Long.class, "an integer").orElse(0L).longValue(),
                string("prefix_checksum"), error,
                optional("retry_requested", Boolean.class, "a boolean").orElse(false), undone,
                optional("imported_from", String.class, "a string"));
    }

    private EntryState state(String text) {
        for (EntryState s : EntryState.values()) {
            if (s.name().equals(text.toUpperCase(Locale.ROOT))) {
                return s;
            }
        }
        List<String> labels = new ArrayList<>();
        for (EntryState s : EntryState.values()) {
            labels.add(s.label());
        }
        throw malformed("has state '" + text + "' (expected one of " + String.join(", ", labels) + ")");
    }

    private <T> T required(String name, Class<T> type, String expected) {
        return optional(name, type, expected).orElseThrow(() -> malformed("has no " + name + " (expected " + expected + ")"));
    }

    private <T> Optional<T> optional(String name, Class<T> type, String expected) {
        Object v = p.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!type.isInstance(v)) {
            throw malformed("has " + name + " of type " + typeName(v) + " (expected " + expected + ")");
        }
        return Optional.of(type.cast(v));
    }

    private String string(String name) {
        return optional(name, String.class, "a string").orElse("");
    }

    private List<String> strings(String name) {
        List<?> list = optional(name, List.class, "a list of strings").orElse(List.of());
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw malformed("has " + name + " holding " + typeName(o) + " values (expected a list of strings)");
            }
            out.add(s);
        }
        return out;
    }

    private MalformedChainException malformed(String what) {
        Object seq = p.get("seq");
        String hint = seq instanceof Long l ? "inspect with 'MATCH (e:__StatestoreEntry {seq: " + l + "}) RETURN e'"
                : "inspect with 'MATCH (e:__StatestoreEntry) RETURN e ORDER BY e.seq'";
        return new MalformedChainException(who + " " + what, hint);
    }

    /** The Cypher name of a driver value's type, for messages. */
    static String typeName(Object v) {
        if (v instanceof String) {
            return "STRING";
        }
        if (v instanceof Long) {
            return "INTEGER";
        }
        if (v instanceof Double) {
            return "FLOAT";
        }
        if (v instanceof Boolean) {
            return "BOOLEAN";
        }
        if (v instanceof List<?>) {
            return "LIST";
        }
        if (v instanceof ZonedDateTime) {
            return "ZONED DATETIME";
        }
        if (v instanceof LocalDateTime) {
            return "LOCAL DATETIME";
        }
        if (v instanceof LocalDate) {
            return "DATE";
        }
        return v.getClass().getSimpleName();
    }
}
