package org.statestore.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.statestore.cypher.CypherScript;
import org.statestore.cypher.Statement;

/**
 * Values for {@code ${name}} placeholders in Cypher units. Substitution happens when a statement is sent,
 * anywhere in its text (comments and string literals included); the checksum covers the raw text, so
 * changing a value does not make an applied unit look edited. Names are letters, digits, {@code _},
 * {@code .} and {@code -}; a {@code $} not followed by {@code {} is left alone (Cypher parameters).
 */
public record Placeholders(Map<String, String> values) {

    /** The environment prefix: {@code STATESTORE_PLACEHOLDER_TENANT=x} sets {@code ${tenant}} (and {@code ${TENANT}}). */
    public static final String ENV_PREFIX = "STATESTORE_PLACEHOLDER_";

    public static final Placeholders NONE = new Placeholders(Map.of());

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

    public Placeholders {
        values = Map.copyOf(new TreeMap<>(values));
    }

    /** Values from the environment ({@value #ENV_PREFIX}NAME), overridden by explicit ones. */
    public static Placeholders of(Map<String, String> env, Map<String, String> explicit) {
        Map<String, String> all = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
                all.put(k.substring(ENV_PREFIX.length()), v);
            }
        });
        all.putAll(explicit);
        return new Placeholders(all);
    }

    private String lookup(String name) {
        String v = values.get(name);
        return v != null ? v : values.get(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }

    /** One line per placeholder {@code script} uses without a value: {@code source:line: ...}. */
    public List<String> unresolved(String source, CypherScript script) {
        List<String> findings = new ArrayList<>();
        for (Statement s : script.statements()) {
            Matcher m = PLACEHOLDER.matcher(s.text());
            while (m.find()) {
                if (lookup(m.group(1)) == null) {
                    int line = s.line() + (int) s.text().substring(0, m.start()).chars().filter(c -> c == '\n').count();
                    findings.add(source + ":" + line + ": unresolved placeholder ${" + m.group(1) + "}; pass "
                            + "--placeholder " + m.group(1) + "=VALUE or set " + ENV_PREFIX
                            + m.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
                }
            }
        }
        return findings;
    }

    /** {@code statement} with every placeholder replaced by its value (checked beforehand by {@link #unresolved}). */
    public Statement resolve(Statement statement) {
        if (statement.text().indexOf("${") < 0) {
            return statement;
        }
        Matcher m = PLACEHOLDER.matcher(statement.text());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = lookup(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return statement.withText(out.toString());
    }

    /** Every statement of {@code statements} resolved. */
    public List<Statement> resolve(List<Statement> statements) {
        return statements.stream().map(this::resolve).toList();
    }
}
