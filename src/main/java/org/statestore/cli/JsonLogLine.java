package org.statestore.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * One log line as a JSON object for log collectors: {@code time}, {@code level} ({@code info}, {@code warn},
 * {@code error}), {@code logger}, {@code message}, and for progress lines {@code task}, {@code done},
 * {@code total}, {@code percent}, {@code rate_per_s}, {@code eta_s}, {@code elapsed_s}. Written with Jackson's
 * streaming generator rather than an object mapper, which a short command (a no-op {@code migrate up}) would otherwise spend a noticeable part of its start on.
 */
final class JsonLogLine {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonLogLine() {
    }

    static String of(Instant time, String level, String message) {
        return of(time, level, message, Map.of());
    }

    /** As {@link #of(Instant, String, String)}, then {@code fields} (strings, numbers, null) after the message. */
    static String of(Instant time, String level, String message, Map<String, Object> fields) {
        StringWriter text = new StringWriter(message.length() + 96);
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("time", time.toString());
            g.writeStringField("level", level);
            g.writeStringField("logger", "statestore");
            g.writeStringField("message", message);
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                g.writeFieldName(f.getKey());
                Object v = f.getValue();
                if (v == null) {
                    g.writeNull();
                } else if (v instanceof Long || v instanceof Integer) {
                    g.writeNumber(((Number) v).longValue());
                } else if (v instanceof Number n) {
                    g.writeNumber(n.doubleValue());
                } else {
                    g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("JSON log line failed", e);
        }
        return text.toString();
    }
}
