package org.statestore.backup.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.statestore.text.internal.Printable;

/**
 * A constraint or index as structured, validated fields. A backup's schema record carries the
 * {@code createStatement} Neo4j reported; that text is never run. {@link #parse} reads it strictly against
 * the forms Neo4j 5 writes (and nothing else):
 *
 * <pre>
 * CREATE CONSTRAINT `name` FOR (n:`L`) REQUIRE (n.`p`, ...) IS UNIQUE | IS NODE KEY | IS KEY | IS NOT NULL | IS :: TYPE
 * CREATE CONSTRAINT `name` FOR ()-[r:`T`]-() REQUIRE (r.`p`, ...) IS UNIQUE | IS RELATIONSHIP KEY | IS KEY | IS NOT NULL | IS :: TYPE
 * CREATE [RANGE|TEXT|POINT|VECTOR] INDEX `name` FOR (n:`L`) ON (n.`p`, ...)           (or ()-[r:`T`]-() and r.)
 * CREATE FULLTEXT INDEX `name` FOR (n:`A`|`B`) ON EACH [n.`p`, ...]                    (or relationships)
 *   each optionally followed by OPTIONS {indexConfig: {`key`: value, ...}, indexProvider: 'provider'}
 * </pre>
 *
 * where a quoted name is read as Neo4j writes it (backticks doubled, nothing else escaped), the name must
 * be the record's, the kind and type must agree with the record's, and index configuration keys, values
 * and providers come from a fixed list. A restore then builds its own statement from these fields
 * ({@link #statement}), with names as parameters where the server allows.
 *
 * @param relationship    a relationship (not node) constraint or index
 * @param entities        labels or relationship types, in order
 * @param predicate       for constraints: {@code UNIQUE}, {@code KEY}, {@code NOT NULL} or {@code TYPED}; empty for indexes
 * @param propertyType    for {@code TYPED} constraints, the type expression (e.g. {@code LIST<STRING NOT NULL> | INTEGER}), else empty
 * @param indexConfig     index configuration (sorted keys; values Long, Double, Boolean, String or List of Double)
 */
record SchemaShape(SchemaDefinition.Kind kind, String name, String type, boolean relationship, List<String> entities,
                   List<String> properties, String predicate, String propertyType, Map<String, Object> indexConfig,
                   Optional<String> indexProvider) {

    private static final Set<String> INDEX_TYPES = Set.of("RANGE", "TEXT", "POINT", "VECTOR", "FULLTEXT");
    private static final Map<String, Set<String>> PROVIDERS = Map.of(
            "RANGE", Set.of("range-1.0"), "TEXT", Set.of("text-1.0", "text-2.0"), "POINT", Set.of("point-1.0"),
            "VECTOR", Set.of("vector-1.0", "vector-2.0"), "FULLTEXT", Set.of("fulltext-1.0"),
            "CONSTRAINT", Set.of("range-1.0"));
    private static final Set<String> SIMPLE_TYPES = Set.of("BOOLEAN", "STRING", "INTEGER", "FLOAT", "DATE", "DURATION",
            "POINT", "LOCAL TIME", "ZONED TIME", "LOCAL DATETIME", "ZONED DATETIME");
    private static final Pattern SIMPLE_STRING = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern SPATIAL_KEY = Pattern.compile("spatial\\.(cartesian|cartesian-3d|wgs-84|wgs-84-3d)\\.(min|max)");
    private static final long MAX_CONFIG_INT = 1_000_000;

    SchemaShape {
        entities = List.copyOf(entities);
        properties = List.copyOf(properties);
        indexConfig = Collections.unmodifiableMap(new TreeMap<>(indexConfig));
    }

    /** The record's structure; throws {@link BackupFormatException} (naming the record) when the text is not one of the forms. */
    static SchemaShape parse(SchemaDefinition d) {
        String what = (d.kind() == SchemaDefinition.Kind.CONSTRAINT ? "constraint " : "index ") + Printable.quote(d.name());
        if (d.createStatement().length() > BackupLimits.MAX_SCHEMA_TEXT) {
            throw new BackupFormatException(what + ": its create statement is longer than "
                    + BackupLimits.MAX_SCHEMA_TEXT + " characters");
        }
        try {
            SchemaShape s = new Parser(d.createStatement()).statement();
            s.check(d);
            return s;
        } catch (BackupFormatException e) {
            throw new BackupFormatException(what + ": " + e.getMessage());
        }
    }

    /**
     * Adds {@code d}'s statement to the running total of schema text {@code soFar}; refuses a backup whose
     * statements together exceed {@link BackupLimits#MAX_SCHEMA_TOTAL} characters.
     */
    static long addText(long soFar, SchemaDefinition d) {
        long total = soFar + d.createStatement().length() + d.name().length();
        if (total > BackupLimits.MAX_SCHEMA_TOTAL) {
            throw new BackupFormatException("the constraints and indexes together are longer than "
                    + (BackupLimits.MAX_SCHEMA_TOTAL >> 20) + " Mi characters, more than a backup carries");
        }
        return total;
    }

    /** Every name the statement carries (schema name, labels or types, property keys). */
    List<String> names() {
        List<String> all = new ArrayList<>();
        all.add(name);
        all.addAll(entities);
        all.addAll(properties);
        return all;
    }

    /**
     * The type as backups record it. A database whose default language is Cypher 25 lists uniqueness constraints
     * as {@code NODE_PROPERTY_UNIQUENESS} / {@code RELATIONSHIP_PROPERTY_UNIQUENESS}; Cypher 5, and every backup,
     * as {@code UNIQUENESS} / {@code RELATIONSHIP_UNIQUENESS}. The other types are spelled alike in both.
     */
    static String canonicalType(String listed) {
        return switch (listed) {
            case "NODE_PROPERTY_UNIQUENESS" -> "UNIQUENESS";
            case "RELATIONSHIP_PROPERTY_UNIQUENESS" -> "RELATIONSHIP_UNIQUENESS";
            default -> listed;
        };
    }

    /** What SHOW CONSTRAINTS / SHOW INDEXES reports of it, to compare after a restore. */
    String signature() {
        return name + " " + type + " " + (relationship ? "RELATIONSHIP" : "NODE") + " " + entities + " " + properties;
    }

    /** The statement that creates it, built from the fields: names quoted by {@code dialect}, parameters where it allows. */
    CypherStatement statement(CypherDialect dialect) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder q = new StringBuilder("CREATE ");
        String nameText;
        if (dialect == CypherDialect.DYNAMIC) {
            nameText = "$name";
            params.put("name", name);
        } else {
            nameText = dialect.quote(name);
        }
        String v = relationship ? "r" : "n";
        if (kind == SchemaDefinition.Kind.CONSTRAINT) {
            q.append("CONSTRAINT ").append(nameText).append(" FOR ").append(pattern(dialect)).append(" REQUIRE (")
                    .append(propertyList(v, dialect)).append(") IS ").append(switch (predicate) {
                        case "UNIQUE" -> "UNIQUE";
                        case "KEY" -> relationship ? "RELATIONSHIP KEY" : "NODE KEY";
                        case "NOT NULL" -> "NOT NULL";
                        default -> ":: " + propertyType;
                    });
        } else {
            q.append(type).append(" INDEX ").append(nameText).append(" FOR ").append(pattern(dialect)).append(" ON ");
            if (type.equals("FULLTEXT")) {
                q.append("EACH [").append(propertyList(v, dialect)).append(']');
            } else {
                q.append('(').append(propertyList(v, dialect)).append(')');
            }
        }
        if (!indexConfig.isEmpty() || indexProvider.isPresent()) {
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("indexConfig", indexConfig);
            indexProvider.ifPresent(p -> options.put("indexProvider", p));
            if (dialect == CypherDialect.DYNAMIC) {
                q.append(" OPTIONS $options");
                params.put("options", options);
            } else {
                q.append(" OPTIONS ").append(literal(options, dialect));
            }
        }
        return new CypherStatement(q.toString(), params);
    }

    private String pattern(CypherDialect dialect) {
        StringBuilder b = new StringBuilder(relationship ? "()-[r:" : "(n:");
        for (int i = 0; i < entities.size(); i++) {
            b.append(i == 0 ? "" : "|").append(dialect.quote(entities.get(i)));
        }
        return b.append(relationship ? "]-()" : ")").toString();
    }

    private String propertyList(String v, CypherDialect dialect) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < properties.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(v).append('.').append(dialect.quote(properties.get(i)));
        }
        return b.toString();
    }

    /** Options as a Cypher literal; every key and value here passed {@link #checkConfig}. */
    private static String literal(Object value, CypherDialect dialect) {
        if (value instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(b.length() == 1 ? "" : ", ").append(dialect.quote((String) e.getKey())).append(": ")
                        .append(literal(e.getValue(), dialect));
            }
            return b.append('}').toString();
        }
        if (value instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Object o : l) {
                b.append(b.length() == 1 ? "" : ", ").append(literal(o, dialect));
            }
            return b.append(']').toString();
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        return String.valueOf(value);
    }

    /** The record's kind, name and type must be what the statement says; the fields must make sense together. */
    private void check(SchemaDefinition d) {
        if (d.kind() != kind) {
            throw new BackupFormatException("a " + (kind == SchemaDefinition.Kind.CONSTRAINT ? "CREATE CONSTRAINT"
                    : "CREATE INDEX") + " statement in a " + d.kind().name().toLowerCase(Locale.ROOT) + " record");
        }
        if (!d.name().equals(name)) {
            throw new BackupFormatException("its statement creates " + Printable.quote(name) + ", not the record's name");
        }
        if (!canonicalType(d.type()).equals(type)) {
            throw new BackupFormatException("its statement creates a " + type + ", the record says "
                    + Printable.quote(d.type()));
        }
        for (String n : names()) {
            GraphRules.checkName(n, "name");
        }
        if (new HashSet<>(entities).size() != entities.size() || new HashSet<>(properties).size() != properties.size()) {
            throw new BackupFormatException("a label, type or property is named twice");
        }
        boolean single = kind == SchemaDefinition.Kind.CONSTRAINT ? !predicate.equals("UNIQUE") && !predicate.equals("KEY")
                : !type.equals("RANGE") && !type.equals("FULLTEXT");
        if (single && properties.size() != 1) {
            throw new BackupFormatException("a " + type + " takes exactly one property");
        }
        if (entities.size() != 1 && !type.equals("FULLTEXT")) {
            throw new BackupFormatException("only a FULLTEXT index covers more than one label or type");
        }
        String providerKey = kind == SchemaDefinition.Kind.CONSTRAINT ? "CONSTRAINT" : type;
        boolean indexBacked = kind == SchemaDefinition.Kind.INDEX || predicate.equals("UNIQUE") || predicate.equals("KEY");
        if (!indexBacked && (indexProvider.isPresent() || !indexConfig.isEmpty())) {
            throw new BackupFormatException("a " + type + " constraint has no index options");
        }
        if (indexProvider.isPresent() && !PROVIDERS.get(providerKey).contains(indexProvider.get())) {
            throw new BackupFormatException("index provider " + Printable.quote(indexProvider.get()) + " is not one a "
                    + type + " uses");
        }
        checkConfig(kind == SchemaDefinition.Kind.CONSTRAINT ? "CONSTRAINT" : type, indexConfig);
    }

    private static void checkConfig(String type, Map<String, Object> config) {
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            boolean ok = switch (type) {
                case "FULLTEXT" -> switch (key) {
                    case "fulltext.analyzer" -> v instanceof String;
                    case "fulltext.eventually_consistent" -> v instanceof Boolean;
                    default -> false;
                };
                case "POINT" -> SPATIAL_KEY.matcher(key).matches() && v instanceof List<?> l
                        && l.size() == (key.contains("-3d") ? 3 : 2);
                case "VECTOR" -> switch (key) {
                    case "vector.dimensions", "vector.hnsw.m", "vector.hnsw.ef_construction" ->
                            v instanceof Long n && n >= 1 && n <= MAX_CONFIG_INT;
                    case "vector.similarity_function" -> v instanceof String s
                            && (s.equalsIgnoreCase("COSINE") || s.equalsIgnoreCase("EUCLIDEAN"));
                    case "vector.quantization.enabled" -> v instanceof Boolean;
                    default -> false;
                };
                default -> false;
            };
            if (!ok) {
                throw new BackupFormatException("index configuration " + Printable.quote(key) + " = "
                        + Printable.quote(String.valueOf(v)) + " is not one a " + type + " takes");
            }
        }
    }

    /** A strict recursive-descent reader of the statement forms above. */
    private static final class Parser {
        private final List<Token> tokens;
        private int at;

        Parser(String text) {
            this.tokens = new Lexer(text).tokens();
        }

        SchemaShape statement() {
            word("CREATE");
            SchemaShape s;
            if (peekWord("CONSTRAINT")) {
                s = constraint();
            } else {
                s = index();
            }
            if (at != tokens.size()) {
                throw unexpected("the end of the statement");
            }
            return s;
        }

        private SchemaShape constraint() {
            word("CONSTRAINT");
            String name = ident();
            word("FOR");
            boolean rel = peekRelationshipPattern();
            List<String> entities = pattern(rel);
            word("REQUIRE");
            punct("(");
            List<String> props = properties(rel ? "r" : "n", ")");
            word("IS");
            String predicate;
            String propertyType = "";
            String type;
            if (acceptWord("UNIQUE")) {
                predicate = "UNIQUE";
                type = rel ? "RELATIONSHIP_UNIQUENESS" : "UNIQUENESS";
            } else if (acceptWord("NOT")) {
                word("NULL");
                predicate = "NOT NULL";
                type = rel ? "RELATIONSHIP_PROPERTY_EXISTENCE" : "NODE_PROPERTY_EXISTENCE";
            } else if (acceptPunct("::")) {
                predicate = "TYPED";
                propertyType = propertyType();
                type = rel ? "RELATIONSHIP_PROPERTY_TYPE" : "NODE_PROPERTY_TYPE";
            } else {
                if (acceptWord("NODE")) {
                    if (rel) {
                        throw new BackupFormatException("a NODE KEY on relationships");
                    }
                } else if (acceptWord("RELATIONSHIP")) {
                    if (!rel) {
                        throw new BackupFormatException("a RELATIONSHIP KEY on nodes");
                    }
                }
                word("KEY");
                predicate = "KEY";
                type = rel ? "RELATIONSHIP_KEY" : "NODE_KEY";
            }
            Options o = options();
            return new SchemaShape(SchemaDefinition.Kind.CONSTRAINT, name, type, rel, entities, props, predicate,
                    propertyType, o.config, o.provider);
        }

        private SchemaShape index() {
            String type = "RANGE";
            if (peekWord("INDEX")) {
                // Older servers wrote range indexes without the keyword.
                type = "RANGE";
            } else {
                Token t = next("an index type");
                if (t.kind != Token.Kind.WORD || !INDEX_TYPES.contains(t.text)) {
                    throw new BackupFormatException("not a CREATE INDEX or CREATE CONSTRAINT statement statestore writes "
                            + "(found " + t.describe() + " after CREATE)");
                }
                type = t.text;
            }
            word("INDEX");
            String name = ident();
            word("FOR");
            boolean rel = peekRelationshipPattern();
            List<String> entities = pattern(rel);
            word("ON");
            String v = rel ? "r" : "n";
            List<String> props;
            if (type.equals("FULLTEXT")) {
                word("EACH");
                punct("[");
                props = properties(v, "]");
            } else {
                punct("(");
                props = properties(v, ")");
            }
            Options o = options();
            return new SchemaShape(SchemaDefinition.Kind.INDEX, name, type, rel, entities, props, "", "", o.config,
                    o.provider);
        }

        private boolean peekRelationshipPattern() {
            return at + 1 < tokens.size() && tokens.get(at).is(Token.Kind.PUNCT, "(")
                    && tokens.get(at + 1).is(Token.Kind.PUNCT, ")");
        }

        /** {@code (n:`A`|`B`)} or {@code ()-[r:`T`|`U`]-()}. */
        private List<String> pattern(boolean rel) {
            if (rel) {
                punct("(");
                punct(")");
                punct("-");
                punct("[");
                word("r");
            } else {
                punct("(");
                word("n");
            }
            punct(":");
            List<String> entities = new ArrayList<>();
            entities.add(ident());
            while (acceptPunct("|")) {
                entities.add(ident());
            }
            if (rel) {
                punct("]");
                punct("-");
                punct("(");
                punct(")");
            } else {
                punct(")");
            }
            return entities;
        }

        /** {@code v.`a`, v.`b`} up to and including {@code close}. */
        private List<String> properties(String v, String close) {
            List<String> props = new ArrayList<>();
            do {
                word(v);
                punct(".");
                props.add(ident());
            } while (acceptPunct(","));
            punct(close);
            return props;
        }

        /** {@code STRING}, {@code LIST<INTEGER NOT NULL>}, {@code BOOLEAN | STRING}: rebuilt as normalised text. */
        private String propertyType() {
            StringBuilder b = new StringBuilder();
            do {
                if (b.length() > 0) {
                    b.append(" | ");
                }
                if (acceptWord("LIST")) {
                    punct("<");
                    b.append("LIST<").append(simpleType());
                    word("NOT");
                    word("NULL");
                    punct(">");
                    b.append(" NOT NULL>");
                } else {
                    b.append(simpleType());
                }
            } while (acceptPunct("|"));
            return b.toString();
        }

        private String simpleType() {
            Token t = next("a property type");
            String name = t.text;
            if (t.kind == Token.Kind.WORD && (name.equals("LOCAL") || name.equals("ZONED"))) {
                name = name + " " + next("a property type").text;
            }
            if (t.kind != Token.Kind.WORD || !SIMPLE_TYPES.contains(name)) {
                throw new BackupFormatException("property type " + Printable.quote(name) + " is not one statestore knows");
            }
            return name;
        }

        private record Options(Map<String, Object> config, Optional<String> provider) {
        }

        private Options options() {
            Map<String, Object> config = new TreeMap<>();
            Optional<String> provider = Optional.empty();
            if (!acceptWord("OPTIONS")) {
                return new Options(config, provider);
            }
            punct("{");
            boolean sawConfig = false;
            do {
                Token key = next("an option");
                punct(":");
                if (key.is(Token.Kind.WORD, "indexConfig") && !sawConfig) {
                    sawConfig = true;
                    config = configMap();
                } else if (key.is(Token.Kind.WORD, "indexProvider") && provider.isEmpty()) {
                    provider = Optional.of(simpleString());
                } else {
                    throw new BackupFormatException("option " + key.describe() + " is not one statestore writes");
                }
            } while (acceptPunct(","));
            punct("}");
            return new Options(config, provider);
        }

        private Map<String, Object> configMap() {
            Map<String, Object> config = new TreeMap<>();
            punct("{");
            if (acceptPunct("}")) {
                return config;
            }
            do {
                String key = ident();
                punct(":");
                if (config.put(key, configValue()) != null) {
                    throw new BackupFormatException("index configuration " + Printable.quote(key) + " appears twice");
                }
            } while (acceptPunct(","));
            punct("}");
            return config;
        }

        private Object configValue() {
            if (acceptPunct("[")) {
                List<Double> values = new ArrayList<>();
                do {
                    Object n = number();
                    values.add(n instanceof Long l ? l.doubleValue() : (Double) n);
                } while (acceptPunct(","));
                punct("]");
                return values;
            }
            if (acceptWord("true")) {
                return Boolean.TRUE;
            }
            if (acceptWord("false")) {
                return Boolean.FALSE;
            }
            if (at < tokens.size() && tokens.get(at).kind == Token.Kind.STRING) {
                return simpleString();
            }
            return number();
        }

        private Object number() {
            Token t = next("a number");
            if (t.kind != Token.Kind.NUMBER) {
                throw unexpected(t, "a number");
            }
            try {
                if (t.text.contains(".") || t.text.contains("e") || t.text.contains("E")) {
                    double d = Double.parseDouble(t.text);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    return d;
                }
                return Long.parseLong(t.text);
            } catch (NumberFormatException e) {
                throw new BackupFormatException("number " + Printable.quote(t.text) + " is out of range");
            }
        }

        private String simpleString() {
            Token t = next("a quoted string");
            if (t.kind != Token.Kind.STRING || !SIMPLE_STRING.matcher(t.text).matches()) {
                throw unexpected(t, "a short quoted word");
            }
            return t.text;
        }

        private String ident() {
            Token t = next("a backtick-quoted name");
            if (t.kind != Token.Kind.IDENT) {
                throw unexpected(t, "a backtick-quoted name");
            }
            return t.text;
        }

        private Token next(String expected) {
            if (at >= tokens.size()) {
                throw new BackupFormatException("the statement ends where " + expected + " belongs");
            }
            return tokens.get(at++);
        }

        private void word(String w) {
            Token t = next(w);
            if (!t.is(Token.Kind.WORD, w)) {
                throw unexpected(t, w);
            }
        }

        private void punct(String p) {
            Token t = next("'" + p + "'");
            if (!t.is(Token.Kind.PUNCT, p)) {
                throw unexpected(t, "'" + p + "'");
            }
        }

        private boolean peekWord(String w) {
            return at < tokens.size() && tokens.get(at).is(Token.Kind.WORD, w);
        }

        private boolean acceptWord(String w) {
            if (peekWord(w)) {
                at++;
                return true;
            }
            return false;
        }

        private boolean acceptPunct(String p) {
            if (at < tokens.size() && tokens.get(at).is(Token.Kind.PUNCT, p)) {
                at++;
                return true;
            }
            return false;
        }

        private BackupFormatException unexpected(String expected) {
            return unexpected(tokens.get(at), expected);
        }

        private static BackupFormatException unexpected(Token t, String expected) {
            return new BackupFormatException("not a CREATE INDEX or CREATE CONSTRAINT statement statestore writes "
                    + "(expected " + expected + " at character " + (t.at + 1) + ", found " + t.describe() + ")");
        }
    }

    /** One token of a create statement. */
    private record Token(Kind kind, String text, int at) {
        enum Kind { WORD, IDENT, STRING, NUMBER, PUNCT }

        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }

        String describe() {
            return kind == Kind.IDENT ? "a quoted name" : Printable.quote(text);
        }
    }

    /** Splits a statement into tokens; anything outside the small alphabet of these statements is refused. */
    private static final class Lexer {
        private static final String PUNCT = "()[]{}:,|.-<>";
        private final String s;
        private int i;

        Lexer(String s) {
            this.s = s;
        }

        List<Token> tokens() {
            List<Token> out = new ArrayList<>();
            while (true) {
                while (i < s.length() && s.charAt(i) == ' ') {
                    i++;
                }
                if (i >= s.length()) {
                    return out;
                }
                int start = i;
                char c = s.charAt(i);
                if (c == '`') {
                    out.add(new Token(Token.Kind.IDENT, quoted(), start));
                } else if (c == '\'') {
                    int end = s.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw bad(start, "an unterminated string");
                    }
                    out.add(new Token(Token.Kind.STRING, s.substring(i + 1, end), start));
                    i = end + 1;
                } else if (isDigit(c) || (c == '-' && i + 1 < s.length() && isDigit(s.charAt(i + 1)))) {
                    i++;
                    while (i < s.length() && (isDigit(s.charAt(i)) || "+-.eE".indexOf(s.charAt(i)) >= 0)) {
                        i++;
                    }
                    out.add(new Token(Token.Kind.NUMBER, s.substring(start, i), start));
                } else if (isWordStart(c)) {
                    while (i < s.length() && (isWordStart(s.charAt(i)) || isDigit(s.charAt(i)))) {
                        i++;
                    }
                    out.add(new Token(Token.Kind.WORD, s.substring(start, i), start));
                } else if (c == ':' && i + 1 < s.length() && s.charAt(i + 1) == ':') {
                    i += 2;
                    out.add(new Token(Token.Kind.PUNCT, "::", start));
                } else if (PUNCT.indexOf(c) >= 0) {
                    i++;
                    out.add(new Token(Token.Kind.PUNCT, String.valueOf(c), start));
                } else {
                    throw bad(start, "character " + Printable.quote(String.valueOf(c)));
                }
            }
        }

        /** A backtick-quoted name as Neo4j writes one: doubled backticks are one, nothing else is an escape. */
        private String quoted() {
            StringBuilder b = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw bad(s.length() - 1, "an unterminated quoted name");
                }
                char c = s.charAt(i++);
                if (c == '`') {
                    if (i < s.length() && s.charAt(i) == '`') {
                        b.append('`');
                        i++;
                    } else {
                        return b.toString();
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isWordStart(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        }

        private static BackupFormatException bad(int at, String what) {
            return new BackupFormatException("not a CREATE INDEX or CREATE CONSTRAINT statement statestore writes ("
                    + what + " at character " + (at + 1) + ")");
        }
    }
}
