package org.statestore.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

@DisplayName("property values in the backup format keep their exact type and value")
class PropertyCodecTest {

    private static final JsonFactory JSON = new JsonFactory();

    private static String write(Map<String, Object> props) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            PropertyCodec.writeProperties(g, props);
        }
        return out.toString();
    }

    private static Map<String, Object> read(String json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            return PropertyCodec.readProperties(p);
        }
    }

    private static String digestOf(Map<String, Object> props) {
        ContentDigest d = new ContentDigest();
        d.addNode(1, List.of("L"), props);
        return d.value();
    }

    @Test
    @DisplayName("every type, including edge values, reads back to the same canonical digest")
    void roundTrip() throws IOException {
        Map<String, Object> props = new TreeMap<>();
        props.put("s", "ünïcödé \"quoted\"\n");
        props.put("i", Long.MIN_VALUE);
        props.put("f", List.of(Double.NaN, Double.NEGATIVE_INFINITY, -0.0, 0.1, Double.MIN_VALUE));
        props.put("b", true);
        props.put("y", new byte[] {0, -1, 127});
        props.put("d", LocalDate.of(-999_999_999, 1, 1));
        props.put("t", OffsetTime.of(LocalTime.of(23, 59, 59, 999_999_999), ZoneOffset.ofHoursMinutes(-5, -45)));
        props.put("lt", LocalTime.MIDNIGHT);
        props.put("dz", ZonedDateTime.of(LocalDateTime.of(2024, 10, 27, 2, 30), ZoneId.of("Europe/Paris")));
        props.put("do", ZonedDateTime.of(LocalDateTime.of(99_999, 1, 1, 0, 0, 0, 1), ZoneOffset.ofHours(14)));
        props.put("ldt", LocalDateTime.of(-4000, 2, 29, 12, 0));
        props.put("u", Values.isoDuration(-14, 400, -3, 999_999_999).asIsoDuration());
        props.put("p2", Values.point(4326, -180, 90).asPoint());
        props.put("p3", Values.point(9157, 1e300, -1e-300, 0).asPoint());
        props.put("e", List.of());

        Map<String, Object> back = read(write(props));

        assertEquals(props.keySet(), back.keySet());
        assertEquals(digestOf(props), digestOf(back));
        assertEquals(props.get("dz"), back.get("dz"), "a zone id stays a zone id");
        assertEquals(props.get("do"), back.get("do"), "an offset stays an offset");
    }

    @Test
    @DisplayName("a float never reads back as an integer and an integer never as a float")
    void numbersKeepTheirType() throws IOException {
        Map<String, Object> back = read(write(new TreeMap<>(Map.of("f", 1.0, "i", 1L))));
        assertEquals(Double.class, back.get("f").getClass());
        assertEquals(Long.class, back.get("i").getClass());
        assertTrue(!digestOf(Map.of("x", 1.0)).equals(digestOf(Map.of("x", 1L))), "and they hash differently");
    }

    @Test
    @DisplayName("malformed values are format errors naming the problem")
    void malformed() {
        assertEquals("unknown value tag 'uuid'", assertThrows(BackupFormatException.class,
                () -> read("{\"a\":[\"uuid\",\"x\"]}")).getMessage());
        assertTrue(assertThrows(BackupFormatException.class, () -> read("{\"b\":[\"int\",1],\"a\":[\"int\",2]}"))
                .getMessage().contains("out of order"));
        assertTrue(assertThrows(BackupFormatException.class, () -> read("{\"a\":[\"point\",[7203,1,2,3,4]]}"))
                .getMessage().contains("2 or 3 coordinates"));
        assertTrue(assertThrows(BackupFormatException.class, () -> read("{\"a\":[\"int\",\"1\"]}"))
                .getMessage().contains("expected an integer"));
        assertTrue(assertThrows(BackupFormatException.class, () -> read("{\"a\":[\"datetime\",[0,0,\"Mars/Olympus\"]]}"))
                .getMessage().startsWith("bad datetime value"));
    }
}
