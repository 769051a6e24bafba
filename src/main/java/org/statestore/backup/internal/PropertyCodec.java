package org.statestore.backup.internal;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Point;
import org.statestore.text.internal.Printable;

/**
 * Property values in the backup file: every value is a JSON array {@code [tag, payload]}, so no type is
 * ever guessed from JSON's own (an integer 1 and a float 1.0 stay apart, a date is not a string).
 *
 * <p>In memory a value is what {@link Value#asObject()} returns for a property: {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code byte[]}, {@code LocalDate}, {@code OffsetTime},
 * {@code LocalTime}, {@code ZonedDateTime} (zone id or offset), {@code LocalDateTime},
 * {@link IsoDuration}, {@link Point} or a {@code List} of those. The driver accepts the same objects as
 * query parameters, so a restored property has the type it was dumped with.
 */
final class PropertyCodec {

    static final String STRING = "str";
    static final String INTEGER = "int";
    static final String FLOAT = "float";
    static final String BOOLEAN = "bool";
    static final String BYTES = "bytes";
    static final String DATE = "date";
    static final String TIME = "time";
    static final String LOCAL_TIME = "localtime";
    static final String DATE_TIME = "datetime";
    static final String LOCAL_DATE_TIME = "localdatetime";
    static final String DURATION = "duration";
    static final String POINT = "point";
    static final String LIST = "list";

    private PropertyCodec() {
    }

    /** A property map from the driver, keys sorted so the file and the digest see one canonical order. */
    static SortedMap<String, Object> fromDriver(Value properties) {
        SortedMap<String, Object> m = new TreeMap<>();
        for (String key : properties.keys()) {
            m.put(key, properties.get(key).asObject());
        }
        return m;
    }

    static void writeProperties(JsonGenerator g, Map<String, Object> properties) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    static void writeValue(JsonGenerator g, Object v) throws IOException {
        g.writeStartArray();
        if (v instanceof String s) {
            g.writeString(STRING);
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeString(INTEGER);
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeString(FLOAT);
            writeDouble(g, d);
        } else if (v instanceof Boolean b) {
            g.writeString(BOOLEAN);
            g.writeBoolean(b);
        } else if (v instanceof List<?> list) {
            g.writeString(LIST);
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof byte[] bytes) {
            g.writeString(BYTES);
            g.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (v instanceof ZonedDateTime t) {
            // Numbers, not ISO text: exact for every year Neo4j allows, and several times faster to read.
            g.writeString(DATE_TIME);
            g.writeStartArray();
            g.writeNumber(t.toEpochSecond());
            g.writeNumber(t.getNano());
            if (t.getZone() instanceof ZoneOffset o) {
                g.writeNumber(o.getTotalSeconds());
            } else {
                g.writeString(t.getZone().getId());
            }
            g.writeEndArray();
        } else if (v instanceof LocalDateTime t) {
            g.writeString(LOCAL_DATE_TIME);
            g.writeStartArray();
            g.writeNumber(t.toEpochSecond(ZoneOffset.UTC));
            g.writeNumber(t.getNano());
            g.writeEndArray();
        } else if (v instanceof LocalDate t) {
            g.writeString(DATE);
            g.writeNumber(t.toEpochDay());
        } else if (v instanceof OffsetTime t) {
            g.writeString(TIME);
            g.writeStartArray();
            g.writeNumber(t.toLocalTime().toNanoOfDay());
            g.writeNumber(t.getOffset().getTotalSeconds());
            g.writeEndArray();
        } else if (v instanceof LocalTime t) {
            g.writeString(LOCAL_TIME);
            g.writeNumber(t.toNanoOfDay());
        } else if (v instanceof IsoDuration d) {
            g.writeString(DURATION);
            g.writeStartArray();
            g.writeNumber(d.months());
            g.writeNumber(d.days());
            g.writeNumber(d.seconds());
            g.writeNumber(d.nanoseconds());
            g.writeEndArray();
        } else if (v instanceof Point p) {
            g.writeString(POINT);
            g.writeStartArray();
            g.writeNumber(p.srid());
            writeDouble(g, p.x());
            writeDouble(g, p.y());
            if (!Double.isNaN(p.z())) {
                writeDouble(g, p.z());
            }
            g.writeEndArray();
        } else {
            throw new UnsupportedValueException(v == null ? "null" : v.getClass().getSimpleName());
        }
        g.writeEndArray();
    }

    private static void writeDouble(JsonGenerator g, double d) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(d);
        } else {
            g.writeString(Double.toString(d));
        }
    }

    /**
     * Reads a property object (keys in sorted order); the parser is on its START_OBJECT and is left on its
     * END_OBJECT. Every key and value is charged to {@code budget} as it is read, so an oversized record
     * stops the read before it is held in memory.
     */
    static Map<String, Object> readProperties(JsonParser p, Budget budget) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, "a property map");
        Map<String, Object> m = new LinkedHashMap<>();
        JsonToken t;
        String previous = null;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            // The writer sorts keys; insisting on it keeps the digest's canonical order without re-sorting.
            if (previous != null && previous.compareTo(key) >= 0) {
                throw new BackupFormatException("property keys out of order: " + Printable.quote(previous) + " before "
                        + Printable.quote(key));
            }
            previous = key;
            budget.add(GraphRules.nameWeight(key));
            p.nextToken();
            m.put(key, readValue(p, budget, false));
        }
        expect(t, JsonToken.END_OBJECT, "the end of a property map");
        return m;
    }

    /** Reads a property object with no record budget (tests, tools). */
    static Map<String, Object> readProperties(JsonParser p) throws IOException {
        return readProperties(p, new Budget());
    }

    /** Reads one {@code [tag, payload]} value; the parser is on its START_ARRAY and is left on its END_ARRAY. */
    static Object readValue(JsonParser p) throws IOException {
        return readValue(p, new Budget(), false);
    }

    private static Object readValue(JsonParser p, Budget budget, boolean inList) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY, "a tagged value");
        expect(p.nextToken(), JsonToken.VALUE_STRING, "a value tag");
        String tag = p.getText();
        JsonToken payload = p.nextToken();
        Object value;
        try {
            value = switch (tag) {
                case STRING -> text(p, payload);
                case INTEGER -> {
                    expect(payload, JsonToken.VALUE_NUMBER_INT, "an integer");
                    yield p.getLongValue();
                }
                case FLOAT -> readDouble(p, payload);
                case BOOLEAN -> {
                    if (payload != JsonToken.VALUE_TRUE && payload != JsonToken.VALUE_FALSE) {
                        throw new BackupFormatException("expected a boolean, found " + payload);
                    }
                    yield payload == JsonToken.VALUE_TRUE;
                }
                case BYTES -> Base64.getDecoder().decode(text(p, payload));
                case DATE -> LocalDate.ofEpochDay(integer(p, payload));
                case TIME -> readTime(p, payload);
                case LOCAL_TIME -> LocalTime.ofNanoOfDay(integer(p, payload));
                case DATE_TIME -> readDateTime(p, payload);
                case LOCAL_DATE_TIME -> readLocalDateTime(p, payload);
                case DURATION -> readDuration(p, payload);
                case POINT -> readPoint(p, payload);
                case LIST -> {
                    if (inList) {
                        throw new BackupFormatException("a list inside a list, which Neo4j cannot store");
                    }
                    yield readList(p, payload, budget);
                }
                default -> throw new BackupFormatException("unknown value tag " + Printable.quote(tag));
            };
        } catch (DateTimeException | IllegalArgumentException | ArithmeticException e) {
            throw new BackupFormatException("bad " + tag + " value: " + Printable.escape(BackupReader.firstLine(e)));
        }
        if (!(value instanceof List)) {
            budget.add(GraphRules.scalarWeight(value));
        }
        expect(p.nextToken(), JsonToken.END_ARRAY, "the end of a tagged value");
        return value;
    }

    private static long integer(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.VALUE_NUMBER_INT, "an integer");
        return p.getLongValue();
    }

    private static OffsetTime readTime(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_ARRAY, "a time");
        long nanoOfDay = integer(p, p.nextToken());
        int offset = Math.toIntExact(integer(p, p.nextToken()));
        expect(p.nextToken(), JsonToken.END_ARRAY, "the end of a time");
        return OffsetTime.of(LocalTime.ofNanoOfDay(nanoOfDay), ZoneOffset.ofTotalSeconds(offset));
    }

    private static LocalDateTime readLocalDateTime(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_ARRAY, "a local datetime");
        long seconds = integer(p, p.nextToken());
        int nano = Math.toIntExact(integer(p, p.nextToken()));
        expect(p.nextToken(), JsonToken.END_ARRAY, "the end of a local datetime");
        return LocalDateTime.ofEpochSecond(seconds, nano, ZoneOffset.UTC);
    }

    private static ZonedDateTime readDateTime(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_ARRAY, "a datetime");
        long seconds = integer(p, p.nextToken());
        int nano = Math.toIntExact(integer(p, p.nextToken()));
        JsonToken zoneToken = p.nextToken();
        ZoneId zone;
        if (zoneToken == JsonToken.VALUE_NUMBER_INT) {
            zone = ZoneOffset.ofTotalSeconds(p.getIntValue());
        } else {
            zone = ZoneId.of(text(p, zoneToken));
        }
        expect(p.nextToken(), JsonToken.END_ARRAY, "the end of a datetime");
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(seconds, nano), zone);
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.VALUE_STRING, "a string");
        return p.getText();
    }

    private static double readDouble(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            switch (p.getText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new BackupFormatException("expected a float, found " + t);
    }

    private static IsoDuration readDuration(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_ARRAY, "a duration");
        long[] parts = new long[4];
        for (int i = 0; i < 4; i++) {
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, "a duration part");
            parts[i] = p.getLongValue();
        }
        expect(p.nextToken(), JsonToken.END_ARRAY, "the end of a duration");
        return Values.isoDuration(parts[0], parts[1], parts[2], Math.toIntExact(parts[3])).asIsoDuration();
    }

    private static Point readPoint(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_ARRAY, "a point");
        expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, "a point's srid");
        int srid = p.getIntValue();
        double[] c = new double[3];
        int n = 0;
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
            if (n == 3 || next == null) {
                throw new BackupFormatException("a point has 2 or 3 coordinates");
            }
            c[n++] = readDouble(p, next);
        }
        if (n == 2) {
            return Values.point(srid, c[0], c[1]).asPoint();
        }
        if (n == 3) {
            return Values.point(srid, c[0], c[1], c[2]).asPoint();
        }
        throw new BackupFormatException("a point has 2 or 3 coordinates, found " + n);
    }

    private static List<Object> readList(JsonParser p, JsonToken t, Budget budget) throws IOException {
        expect(t, JsonToken.START_ARRAY, "a list");
        budget.add(GraphRules.VALUE_WEIGHT);
        List<Object> items = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_ARRAY) {
            items.add(readValue(p, budget, true));
        }
        expect(p.currentToken(), JsonToken.END_ARRAY, "the end of a list");
        return items;
    }

    static void expect(JsonToken actual, JsonToken wanted, String what) {
        if (actual != wanted) {
            throw new BackupFormatException("expected " + what + ", found " + (actual == null ? "end of data" : actual));
        }
    }

    /** What one record may still take: its labels, keys and values are charged as they are read. */
    static final class Budget {
        private long used = GraphRules.RECORD_WEIGHT;

        void add(long weight) {
            used += weight;
            if (used > BackupLimits.MAX_RECORD_WEIGHT) {
                throw GraphRules.tooHeavy();
            }
        }
    }

    /** A property value of a type the format does not carry (e.g. a vector from a newer server). */
    static final class UnsupportedValueException extends RuntimeException {
        UnsupportedValueException(String type) {
            super("property values of type " + type + " cannot be backed up", null, false, false);
        }
    }
}
