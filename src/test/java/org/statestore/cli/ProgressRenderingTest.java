package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.migrate.StopSignal;
import org.statestore.progress.ProgressSink;

@DisplayName("progress as lines and as a terminal bar")
class ProgressRenderingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("a line shows count, total, percent, rate and time left; without a total only count and rate")
    void lineText() {
        ProgressLine line = new ProgressLine("backup neo4j", 120_000, 300_000, Duration.ofSeconds(4));
        assertEquals("backup neo4j: 120000 of 300000 (40%, 30000/s, 6s left)", line.text());
        assertEquals("backup neo4j: 0 of 300000 (0%)", new ProgressLine("backup neo4j", 0, 300_000, Duration.ZERO).text());
        assertEquals("seed: 500 (250/s)", new ProgressLine("seed", 500, ProgressSink.UNKNOWN, Duration.ofSeconds(2)).text());
        assertEquals("backup neo4j: 300000 of 300000 (100%, 30000/s, done in 10s)",
                new ProgressLine("backup neo4j", 300_000, 300_000, Duration.ofSeconds(10)).text());
        assertEquals("x: 1 of 1000000 (0%, 1/s, 277h46m left)", new ProgressLine("x", 1, 1_000_000,
                Duration.ofSeconds(1)).text());
        assertEquals("3m05s", ProgressLine.duration(185));
    }

    @Test
    @DisplayName("a JSON progress line carries done, total, percent and eta_s, null where unknown, beside the message")
    void jsonFields() throws Exception {
        ProgressLine line = new ProgressLine("verify f.ssbak", 50, 200, Duration.ofSeconds(5));
        JsonNode doc = JSON.readTree(JsonLogLine.of(Instant.EPOCH, "info", line.text(), line.fields()));
        assertEquals("info", doc.get("level").asText());
        assertEquals("verify f.ssbak: 50 of 200 (25%, 10/s, 15s left)", doc.get("message").asText());
        assertEquals(50, doc.get("done").asLong());
        assertEquals(200, doc.get("total").asLong());
        assertEquals(25, doc.get("percent").asInt());
        assertEquals(15, doc.get("eta_s").asLong());
        assertEquals(10, doc.get("rate_per_s").asLong());

        JsonNode unknown = JSON.readTree(JsonLogLine.of(Instant.EPOCH, "info", "x",
                new ProgressLine("x", 0, ProgressSink.UNKNOWN, Duration.ZERO).fields()));
        assertTrue(unknown.get("total").isNull() && unknown.get("percent").isNull() && unknown.get("eta_s").isNull());
    }

    @Test
    @DisplayName("lines come at most once per interval while a task runs and when it ends at 100%; a task shorter "
            + "than the interval prints none")
    void throttled() {
        AtomicLong now = new AtomicLong();
        List<ProgressLine> lines = new ArrayList<>();
        ProgressLines sink = new ProgressLines(lines::add, now::get, Duration.ofSeconds(5));
        sink.start("backup", 1_000);
        for (int i = 0; i < 9; i++) {
            now.addAndGet(1_000_000_000L);
            sink.advance(100);
        }
        sink.done();
        sink.advance(5); // after done: nothing is open
        assertEquals(List.of(500L, 900L), lines.stream().map(ProgressLine::done).toList());
        assertEquals(50, lines.get(0).percent().getAsInt());
        assertEquals(5, lines.get(0).etaSeconds().getAsLong());
        assertEquals(100, lines.get(1).percent().getAsInt(), "a finished task is complete even below its estimate");
        assertEquals(0, lines.get(1).etaSeconds().getAsLong());

        sink.start("first", 10);
        now.addAndGet(6_000_000_000L);
        sink.start("second", ProgressSink.UNKNOWN); // the first ends with its own line
        now.addAndGet(6_000_000_000L);
        sink.done();
        assertEquals(List.of("first", "second"), lines.subList(2, 4).stream().map(ProgressLine::task).toList());

        sink.start("short", 10);
        sink.advance(10);
        sink.done();
        sink.start("failing", 10);
        sink.advance(3);
        assertEquals(4, lines.size(), "a short task, or one that fails before the interval, prints nothing");
    }

    @Test
    @DisplayName("the terminal bar, drawn by the progressbar library through the raw channel, shows a percent and a "
            + "time left and ends on its own line; log lines printed meanwhile go above it")
    void terminalBar() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        TerminalLine line = new TerminalLine(new PrintStream(raw, true, StandardCharsets.UTF_8), () -> 100, false);
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(new java.io.Writer() {
            // Both channels end on the same stream, as on a real terminal.
            @Override
            public void write(char[] c, int off, int len) {
                raw.writeBytes(new String(c, off, len).getBytes(StandardCharsets.UTF_8));
                err.write(c, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, true);
        Console console = new Console(new PrintWriter(new StringWriter()), errWriter, new ByteArrayInputStream(new byte[0]),
                Map.of("TERM", "xterm"), false, new StopSignal(), Optional.of(line));
        ProgressSink bar = console.progress();
        assertTrue(bar instanceof TerminalProgress, "a terminal gets a bar");
        bar.start("backup neo4j", 1_000);
        bar.advance(400);
        Thread.sleep(450);
        console.log("a log line");
        bar.advance(600);
        bar.done();
        String screen = raw.toString(StandardCharsets.UTF_8);
        assertTrue(screen.matches("(?s).*\\r\\u001b\\[Kbackup neo4j +40% \\[.*\\] +400/1000 \\(\\d:\\d\\d:\\d\\d / \\d:\\d\\d:\\d\\d\\).*"),
                screen);
        assertTrue(screen.contains("100% ["), screen);
        assertTrue(screen.endsWith("\n"), "the finished bar stays on its own line: " + screen);
        assertTrue(screen.contains("\r\u001b[Kstatestore: a log line\n"), "the log line replaced the bar: " + screen);
        assertFalse(err.toString().contains("\r"), "the escaped channel carried no control characters");
        for (String drawn : screen.split("\r\u001b\\[K|\n")) {
            assertTrue(drawn.length() < 100, "never wider than the terminal: " + drawn);
        }
    }

    @Test
    @DisplayName("NO_COLOR, TERM=dumb, no terminal and JSON logs get lines, not a bar")
    void noBar() {
        TerminalLine line = new TerminalLine(new PrintStream(new ByteArrayOutputStream()), () -> 80, true);
        for (Map<String, String> env : List.of(Map.of("NO_COLOR", "1"), Map.of("TERM", "dumb"))) {
            assertTrue(console(env, false, Optional.of(line)).progress() instanceof ProgressLines, env.toString());
        }
        assertTrue(console(Map.of(), false, Optional.empty()).progress() instanceof ProgressLines);
        assertTrue(console(Map.of(), true, Optional.of(line)).progress() instanceof ProgressLines);
    }

    @Test
    @DisplayName("warnings are level warn in JSON logs and 'warning:' lines in text; the engine marks its warnings "
            + "with that prefix")
    void warnings() throws Exception {
        StringWriter json = new StringWriter();
        Console c = new Console(new PrintWriter(new StringWriter()), new PrintWriter(json), new ByteArrayInputStream(new byte[0]),
                Map.of(), true, new StopSignal());
        c.warn("careful");
        c.log("warning: from the engine");
        c.log("plain");
        List<JsonNode> lines = json.toString().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertEquals(List.of("warn", "warn", "info"), lines.stream().map(n -> n.get("level").asText()).toList());
        assertEquals("from the engine", lines.get(1).get("message").asText());
        assertNull(lines.get(2).get("percent"));

        StringWriter text = new StringWriter();
        Console t = new Console(new PrintWriter(new StringWriter()), new PrintWriter(text), new ByteArrayInputStream(new byte[0]),
                Map.of());
        t.warn("careful");
        assertEquals("statestore: warning: careful", text.toString().strip());
    }

    private static Console console(Map<String, String> env, boolean json, Optional<TerminalLine> terminal) {
        return new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]), env, json, new StopSignal(), terminal);
    }
}
