package org.statestore.backup.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Point;

/**
 * An order-independent digest of a graph: each node and each relationship is hashed (SHA-256) over a
 * canonical binary form, and the hashes are summed, so the same content read in any order gives the same
 * digest. Sums (not XOR) keep parallel identical relationships from cancelling out.
 *
 * <p>Nodes are identified by their id in the backup (the source's internal id), so a relationship's
 * hash pins both endpoints: the writer hashes what it reads, the reader what it parses, and the restorer
 * what it reads back, mapping new node ids to backup ids.
 */
final class ContentDigest {

    private final MessageDigest sha;
    private final Canonical canonical = new Canonical();
    private long nodes;
    private long relationships;
    private long nodeSumHigh;
    private long nodeSumLow;
    private long relSumHigh;
    private long relSumLow;

    ContentDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    void addNode(long id, List<String> labels, Map<String, Object> sortedProperties) {
        canonical.reset();
        canonical.writeByte('N');
        canonical.writeLong(id);
        List<String> sorted = labels;
        if (labels.size() > 1) {
            sorted = new ArrayList<>(labels);
            Collections.sort(sorted);
        }
        canonical.writeInt(sorted.size());
        for (String l : sorted) {
            canonical.writeString(l);
        }
        canonical.writeProperties(sortedProperties);
        long[] h = hash();
        nodeSumHigh += h[0];
        nodeSumLow += h[1];
        nodes++;
    }

    void addRelationship(long start, long end, String type, Map<String, Object> sortedProperties) {
        canonical.reset();
        canonical.writeByte('R');
        canonical.writeLong(start);
        canonical.writeLong(end);
        canonical.writeString(type);
        canonical.writeProperties(sortedProperties);
        long[] h = hash();
        relSumHigh += h[0];
        relSumLow += h[1];
        relationships++;
    }

    long nodes() {
        return nodes;
    }

    long relationships() {
        return relationships;
    }

    /** {@code v1:} and 64 hex digits: the node sum, then the relationship sum (128 bits each). */
    String value() {
        return "v1:" + String.format("%016x%016x%016x%016x", nodeSumHigh, nodeSumLow, relSumHigh, relSumLow);
    }

    private long[] hash() {
        sha.update(canonical.buffer, 0, canonical.length);
        byte[] d = sha.digest();
        return new long[] {toLong(d, 0), toLong(d, 8)};
    }

    private static long toLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    /** A reusable byte buffer holding one element's canonical form. */
    private static final class Canonical {
        byte[] buffer = new byte[512];
        int length;

        void reset() {
            length = 0;
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        void writeByte(int b) {
            ensure(1);
            buffer[length++] = (byte) b;
        }

        void writeInt(int v) {
            ensure(4);
            for (int i = 3; i >= 0; i--) {
                buffer[length++] = (byte) (v >>> (8 * i));
            }
        }

        void writeLong(long v) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                buffer[length++] = (byte) (v >>> (8 * i));
            }
        }

        void writeBytes(byte[] b) {
            writeInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buffer, length, b.length);
            length += b.length;
        }

        void writeString(String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void writeDouble(double d) {
            writeLong(Double.doubleToLongBits(d));
        }

        void writeProperties(Map<String, Object> sorted) {
            writeInt(sorted.size());
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                writeString(e.getKey());
                writeValue(e.getValue());
            }
        }

        void writeValue(Object v) {
            if (v instanceof String s) {
                writeByte('s');
                writeString(s);
            } else if (v instanceof Long l) {
                writeByte('i');
                writeLong(l);
            } else if (v instanceof Double d) {
                writeByte('f');
                writeDouble(d);
            } else if (v instanceof Boolean b) {
                writeByte('b');
                writeByte(b ? 1 : 0);
            } else if (v instanceof List<?> list) {
                writeByte('l');
                writeInt(list.size());
                for (Object item : list) {
                    writeValue(item);
                }
            } else if (v instanceof byte[] bytes) {
                writeByte('y');
                writeBytes(bytes);
            } else if (v instanceof ZonedDateTime t) {
                writeByte('z');
                writeLong(t.toEpochSecond());
                writeInt(t.getNano());
                if (t.getZone() instanceof ZoneOffset o) {
                    writeByte('o');
                    writeInt(o.getTotalSeconds());
                } else {
                    writeByte('r');
                    writeString(t.getZone().getId());
                }
            } else if (v instanceof LocalDateTime t) {
                writeByte('D');
                writeLong(t.toEpochSecond(ZoneOffset.UTC));
                writeInt(t.getNano());
            } else if (v instanceof LocalDate t) {
                writeByte('d');
                writeLong(t.toEpochDay());
            } else if (v instanceof OffsetTime t) {
                writeByte('t');
                writeLong(t.toLocalTime().toNanoOfDay());
                writeInt(t.getOffset().getTotalSeconds());
            } else if (v instanceof LocalTime t) {
                writeByte('T');
                writeLong(t.toNanoOfDay());
            } else if (v instanceof IsoDuration d) {
                writeByte('u');
                writeLong(d.months());
                writeLong(d.days());
                writeLong(d.seconds());
                writeInt(d.nanoseconds());
            } else if (v instanceof Point p) {
                writeByte('p');
                writeInt(p.srid());
                boolean threeD = !Double.isNaN(p.z());
                writeByte(threeD ? 3 : 2);
                writeDouble(p.x());
                writeDouble(p.y());
                if (threeD) {
                    writeDouble(p.z());
                }
            } else {
                throw new PropertyCodec.UnsupportedValueException(v == null ? "null" : v.getClass().getSimpleName());
            }
        }
    }
}
