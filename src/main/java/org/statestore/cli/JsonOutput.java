package org.statestore.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes the one JSON document a command prints on stdout. Every document has the same envelope,
 * {@code ok}, {@code exitCode} and {@code error}, on success and on failure alike.
 */
final class JsonOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    static Map<String, Object> envelope(String command, ExitCode code, String error) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", command);
        doc.put("ok", code == ExitCode.OK);
        doc.put("exitCode", code.code());
        doc.put("error", error);
        return doc;
    }

    static void print(PrintWriter out, Map<String, Object> doc) {
        try {
            out.println(MAPPER.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON output failed", e);
        }
        out.flush();
    }
}
