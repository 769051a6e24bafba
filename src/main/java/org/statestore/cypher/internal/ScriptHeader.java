package org.statestore.cypher.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code // key: value} lines at the very top of a script, before its first statement: how a unit
 * declares things about itself (a rollback note, preconditions) without a separate file. A value may
 * continue on following {@code //} lines that hold no key of their own.
 */
public record ScriptHeader(List<Entry> entries) {

    /** One declaration: its lower-case key and its text. */
    public record Entry(String key, String value) {
    }

    private static final Pattern KEYED = Pattern.compile("//\\s*([A-Za-z][A-Za-z-]*)\\s*:\\s?(.*)");

    public ScriptHeader {
        entries = List.copyOf(entries);
    }

    /** Reads the header of {@code source}: its leading comment lines, up to the first other line. */
    public static ScriptHeader parse(String source) {
        List<Entry> entries = new ArrayList<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String raw : source.replace("\r\n", "\n").split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("//")) {
                break;
            }
            Matcher m = KEYED.matcher(line);
            if (m.matches()) {
                if (key != null) {
                    entries.add(new Entry(key, value.toString().strip()));
                }
                key = m.group(1).toLowerCase(Locale.ROOT);
                value = new StringBuilder(m.group(2).strip());
            } else if (key != null) {
                value.append(value.length() == 0 ? "" : " ").append(line.substring(2).strip());
            }
        }
        if (key != null) {
            entries.add(new Entry(key, value.toString().strip()));
        }
        return new ScriptHeader(entries);
    }

    /** The first value declared under {@code key}. */
    public Optional<String> value(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst();
    }

    /** Every value declared under {@code key}, in order. */
    public List<String> values(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).toList();
    }
}
