package org.statestore.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * One log line as a JSON object for log collectors: {@code time}, {@code level}, {@code logger},
 * {@code message}. Written with Jackson's streaming generator rather than an object mapper, which a
 * short command (a no-op {@code migrate up}) would otherwise spend a noticeable part of its start on.
 */
final class JsonLogLine {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonLogLine() {
    }

    static String of(Instant time, String level, String message) {
        StringWriter text = new StringWriter(message.length() + 96);
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("time", time.toString());
            g.writeStringField("level", level);
            g.writeStringField("logger", "statestore");
            g.writeStringField("message", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("JSON log line failed", e);
        }
        return text.toString();
    }
}
