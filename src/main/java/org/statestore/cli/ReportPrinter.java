package org.statestore.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one place output is printed: a {@link Report} as text lines or as the JSON envelope on stdout, its
 * warnings and its one error line on stderr. Failures that arrive as exceptions take the same path.
 */
final class ReportPrinter {

    private final Console console;

    ReportPrinter(Console console) {
        this.console = console;
    }

    /** Prints {@code report} of the command {@code command} (e.g. {@code migrate up}); returns its exit code. */
    int print(String command, boolean json, Report report) {
        if (json) {
            try {
                // Made here, not per printer: Jackson's mapper is a few hundred classes a text run never needs.
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                console.out().println(mapper.writeValueAsString(document(command, report)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a report's fields are not JSON", e);
            }
            console.out().flush();
        } else if (!report.text().isEmpty()) {
            report.text().forEach(console.out()::println);
            console.out().flush();
        }
        report.warnings().forEach(console::warn);
        report.error().ifPresent(console::error);
        return report.exitCode().code();
    }

    /** The JSON document: the envelope ({@code command}, {@code ok}, {@code exitCode}, {@code error}), then the fields. */
    static Map<String, Object> document(String command, Report report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", command + report.qualifier());
        doc.put("ok", report.succeeded());
        doc.put("exitCode", report.exitCode().code());
        doc.put("error", report.error().orElse(null));
        doc.putAll(report.fields());
        return doc;
    }
}
