package org.statestore.backup.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Point;
import org.statestore.text.internal.Printable;

/**
 * What a backup may hold: exactly what Neo4j stores and gives back unchanged. {@code verify} refuses a
 * file with anything else (so a restore never wipes a target and then fails on a value), and
 * {@code create} refuses a database with anything else (so it never writes a file verify refuses).
 *
 * <ul>
 * <li>Names (labels, relationship types, property keys, constraint and index names): not empty, no NUL
 *     (Neo4j refuses both), no backslash (Cypher reads {@code \\uXXXX} inside a quoted name as an escape,
 *     so such a name cannot be quoted reliably for every server), at most
 *     {@link BackupLimits#MAX_NAME_CHARS} characters.</li>
 * <li>Labels: sorted, no duplicates, and not statestore's lease or restore-marker labels.</li>
 * <li>Lists: elements of one type (Neo4j turns integers among floats into floats), no lists or byte
 *     arrays inside, points of one coordinate system.</li>
 * <li>Points: a known coordinate system with its number of coordinates, finite, WGS-84 longitude within
 *     [-180, 180] (Neo4j would wrap it) and latitude within [-90, 90].</li>
 * <li>Durations: nanoseconds within a second, and no overflow of Neo4j's average length in seconds.</li>
 * <li>Zones: a fixed offset, or a region this JVM knows.</li>
 * </ul>
 */
final class GraphRules {

    static final long RECORD_WEIGHT = 64;
    static final long VALUE_WEIGHT = 16;

    private static final Set<String> RESERVED_LABELS = Set.of(BackupWriter.LEASE_LABEL, BackupRestorer.MARKER_LABEL);
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private GraphRules() {
    }

    /** Checks a node's labels and properties; returns the record's weight. */
    static long checkNode(List<String> labels, Map<String, Object> properties) {
        long weight = RECORD_WEIGHT;
        String previous = null;
        for (String l : labels) {
            checkName(l, "label");
            if (RESERVED_LABELS.contains(l)) {
                throw new BackupFormatException("a node carries statestore's own label " + Printable.quote(l)
                        + ", which a backup never holds");
            }
            if (previous != null && previous.compareTo(l) >= 0) {
                throw new BackupFormatException("node labels out of order or repeated: " + Printable.quote(previous)
                        + " before " + Printable.quote(l));
            }
            previous = l;
            weight += nameWeight(l);
        }
        return checkWeight(weight + checkProperties(properties));
    }

    /** Checks a relationship's type and properties; returns the record's weight. */
    static long checkRelationship(String type, Map<String, Object> properties) {
        checkName(type, "relationship type");
        return checkWeight(RECORD_WEIGHT + nameWeight(type) + checkProperties(properties));
    }

    private static long checkWeight(long weight) {
        if (weight > BackupLimits.MAX_RECORD_WEIGHT) {
            throw tooHeavy();
        }
        return weight;
    }

    static BackupFormatException tooHeavy() {
        return new BackupFormatException("a record holds more than " + (BackupLimits.MAX_RECORD_WEIGHT >> 20)
                + " MiB of labels, keys and values, more than a backup carries");
    }

    private static long checkProperties(Map<String, Object> properties) {
        long weight = 0;
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            checkName(e.getKey(), "property key");
            weight += nameWeight(e.getKey());
            try {
                weight += checkValue(e.getValue(), false);
            } catch (BackupFormatException x) {
                throw new BackupFormatException("property " + Printable.quote(e.getKey()) + ": " + x.getMessage());
            }
        }
        return weight;
    }

    /** Refuses a name Neo4j or a safely quoted Cypher statement cannot carry; {@code what} names it in the error. */
    static void checkName(String name, String what) {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new BackupFormatException(what + " " + Printable.quote(name) + " " + problem);
        }
    }

    /** Why {@code name} cannot be a label, type, key or schema name, or null. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > BackupLimits.MAX_NAME_CHARS) {
            return "is longer than " + BackupLimits.MAX_NAME_CHARS + " characters";
        }
        if (name.indexOf('\0') >= 0) {
            return "holds a NUL character";
        }
        if (name.indexOf('\\') >= 0) {
            return "holds a backslash, which Cypher reads as the start of an escape inside a quoted name";
        }
        if (hasLoneSurrogate(name)) {
            return "is not valid Unicode (a lone surrogate)";
        }
        return null;
    }

    /** A UTF-16 surrogate without its partner: the driver cannot send it, so it would not come back. */
    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    static long nameWeight(String name) {
        return VALUE_WEIGHT + 2L * name.length();
    }

    /** The weight of one value as {@link #checkValue} counts it. */
    static long scalarWeight(Object v) {
        if (v instanceof String s) {
            return VALUE_WEIGHT + 2L * s.length();
        }
        if (v instanceof byte[] b) {
            return VALUE_WEIGHT + b.length;
        }
        if (v instanceof ZonedDateTime t && !(t.getZone() instanceof ZoneOffset)) {
            return VALUE_WEIGHT + 2L * t.getZone().getId().length();
        }
        return VALUE_WEIGHT;
    }

    /** Checks one value (a list element when {@code inList}); returns its weight. */
    static long checkValue(Object v, boolean inList) {
        if (v instanceof List<?> list) {
            if (inList) {
                throw new BackupFormatException("a list inside a list, which Neo4j cannot store");
            }
            long weight = VALUE_WEIGHT;
            Object first = null;
            for (Object item : list) {
                if (item instanceof byte[]) {
                    throw new BackupFormatException("a byte array inside a list, which Neo4j cannot store");
                }
                if (first == null) {
                    first = item;
                } else if (!sameKind(first, item)) {
                    throw new BackupFormatException("a list mixing " + kind(first) + " and " + kind(item)
                            + " values, which Neo4j cannot store unchanged");
                }
                weight += checkValue(item, true);
            }
            return weight;
        }
        if (v instanceof Point p) {
            checkPoint(p);
        } else if (v instanceof IsoDuration d) {
            checkDuration(d);
        } else if (v instanceof ZonedDateTime t) {
            if (!(t.getZone() instanceof ZoneOffset) && !ZONES.contains(t.getZone().getId())) {
                throw new BackupFormatException("time zone " + Printable.quote(t.getZone().getId()) + " is not a "
                        + "region Neo4j knows");
            }
        } else if (v instanceof String s) {
            if (s.length() > BackupLimits.MAX_STRING_CHARS) {
                throw new BackupFormatException("a string longer than " + BackupLimits.MAX_STRING_CHARS
                        + " characters");
            }
            if (hasLoneSurrogate(s)) {
                throw new BackupFormatException("a string that is not valid Unicode (a lone surrogate)");
            }
        } else if (!(v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof byte[]
                || v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime
                || v instanceof OffsetTime)) {
            throw new PropertyCodec.UnsupportedValueException(v == null ? "null" : v.getClass().getSimpleName());
        }
        return scalarWeight(v);
    }

    private static boolean sameKind(Object a, Object b) {
        if (a instanceof Point p && b instanceof Point q) {
            return p.srid() == q.srid();
        }
        return kind(a).equals(kind(b));
    }

    private static String kind(Object v) {
        if (v instanceof ZonedDateTime) {
            return PropertyCodec.DATE_TIME;
        }
        if (v instanceof Point p) {
            return "point (srid " + p.srid() + ")";
        }
        if (v instanceof IsoDuration) {
            return PropertyCodec.DURATION;
        }
        return v == null ? "null" : v.getClass().getSimpleName();
    }

    private static void checkPoint(Point p) {
        boolean threeD = !Double.isNaN(p.z());
        int dims = switch (p.srid()) {
            case 7203, 4326 -> 2;
            case 9157, 4979 -> 3;
            default -> throw new BackupFormatException("point with an unknown coordinate system (srid " + p.srid() + ")");
        };
        if (dims != (threeD ? 3 : 2)) {
            throw new BackupFormatException("point of srid " + p.srid() + " needs " + dims + " coordinates");
        }
        if (!Double.isFinite(p.x()) || !Double.isFinite(p.y()) || (threeD && !Double.isFinite(p.z()))) {
            throw new BackupFormatException("point with a coordinate that is not a finite number");
        }
        if ((p.srid() == 4326 || p.srid() == 4979) && (Math.abs(p.x()) > 180 || Math.abs(p.y()) > 90)) {
            throw new BackupFormatException("WGS-84 point outside longitude [-180, 180] or latitude [-90, 90]");
        }
    }

    // Neo4j's DurationValue: months * 2629746 + days * 86400 + seconds must fit a long.
    private static void checkDuration(IsoDuration d) {
        if (d.nanoseconds() < 0 || d.nanoseconds() > 999_999_999) {
            throw new BackupFormatException("duration nanoseconds " + d.nanoseconds() + " not within one second");
        }
        try {
            Math.addExact(d.seconds(), Math.addExact(Math.multiplyExact(d.days(), 86_400L),
                    Math.multiplyExact(d.months(), 2_629_746L)));
        } catch (ArithmeticException e) {
            throw new BackupFormatException("duration too long for Neo4j (its length in seconds overflows)");
        }
    }
}
