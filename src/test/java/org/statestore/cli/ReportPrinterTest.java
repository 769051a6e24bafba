package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.migrate.StopSignal;

@DisplayName("The one printer of reports")
class ReportPrinterTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ReportPrinter printer = new ReportPrinter(new Console(new PrintWriter(out), new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]), Map.of()));

    @Test
    @DisplayName("a successful report prints its text lines on stdout and nothing on stderr")
    void successPrintsText() {
        int code = printer.print("migrate up", false, Report.ok().line("applied 1 First").line("at 1").build());
        assertEquals(0, code);
        assertEquals(List.of("applied 1 First", "at 1"), out.toString().lines().toList());
        assertEquals("", err.toString());
    }

    @Test
    @DisplayName("in JSON the envelope comes first, then the fields in order, and text lines are left out")
    void jsonEnvelopeThenFields() throws Exception {
        printer.print("identity add", true, Report.ok().field("type", "user").field("gone", null).line("x").build());
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        List<String> names = new ArrayList<>();
        doc.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("command", "ok", "exitCode", "error", "type", "gone"), names);
        assertEquals("identity add", doc.get("command").asText());
        assertTrue(doc.get("ok").asBoolean());
        assertTrue(doc.get("error").isNull() && doc.get("gone").isNull());
    }

    @Test
    @DisplayName("a failure writes its error line once on stderr, and in JSON also as the envelope's error")
    void failureWritesOneErrorLine() throws Exception {
        int code = printer.print("migrate up", true, Report.failed(ExitCode.VALIDATION, "bad unit")
                .qualifier(" --dry-run").build());
        assertEquals(6, code);
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertEquals("migrate up --dry-run", doc.get("command").asText());
        assertFalse(doc.get("ok").asBoolean());
        assertEquals("bad unit", doc.get("error").asText());
        assertEquals(List.of("statestore: bad unit"), err.toString().lines().toList());
    }

    @Test
    @DisplayName("warnings go to stderr in text and JSON mode alike")
    void warningsGoToStderr() {
        printer.print("identity verify", true, Report.ok().warning("disabled, but the API still accepts it").build());
        assertEquals(List.of("statestore: warning: disabled, but the API still accepts it"), err.toString().lines().toList());
    }

    @Test
    @DisplayName("a report has an error exactly when it fails, and its text never shows in toString")
    void errorExactlyOnFailure() {
        assertThrows(IllegalArgumentException.class, () -> Report.failed(ExitCode.OK, "no"));
        Report secret = Report.ok().line("key-shown-once").field("generatedKey", "key-shown-once").build();
        assertFalse(secret.toString().contains("key-shown-once"), secret.toString());
    }

    @Test
    @DisplayName("a run a signal stopped exits 130 for SIGINT and 143 otherwise, saying so, whatever it finished")
    void stoppedRunsSaySo() {
        StopSignal stop = new StopSignal();
        assertEquals(ExitCode.TERMINATED, ExitCode.stoppedBy(stop), "no reason known: a termination");
        stop.request(StopSignal.Reason.INTERRUPT);
        stop.request(StopSignal.Reason.TERMINATE);
        assertEquals(ExitCode.INTERRUPTED, ExitCode.stoppedBy(stop), "the first reason wins");
        Report undone = Report.ok().field("undone", List.of("3")).line("undone 3").build()
                .stopped(ExitCode.INTERRUPTED);
        assertEquals(130, undone.exitCode().code());
        assertEquals("stopped by a signal", undone.error().orElseThrow());
        assertEquals(List.of("undone 3"), undone.text(), "what it finished is still reported");
        Report timedOut = Report.failed(ExitCode.PENDING, "timed out").build().stopped(ExitCode.TERMINATED);
        assertEquals("stopped by a signal: timed out", timedOut.error().orElseThrow());
        Report already = Report.failed(ExitCode.TERMINATED, "stopped during unit 3").build();
        assertEquals(already, already.stopped(ExitCode.TERMINATED), "a report that says it stopped stays as it is");
    }
}
