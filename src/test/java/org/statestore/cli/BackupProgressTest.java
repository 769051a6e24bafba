package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.testing.StatestoreProcess;
import org.statestore.testing.TestNeo4j;

/**
 * {@code backup create} of 100k nodes in its own JVM: under a pseudo-terminal ({@code script}) it draws one bar
 * with a percentage and a time left; with stderr in a file it writes JSON progress lines.
 */
@DisplayName("backup create shows its progress: a bar on a terminal, JSON lines in a log file")
class BackupProgressTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NODES = 100_000;
    // "backup neo4j  42% [=====    ]  42000/100001 (0:00:01 / 0:00:02) 35,000/s": percent, count, elapsed / left.
    private static final Pattern BAR = Pattern.compile(
            "backup neo4j +\\d{1,3}% [\\[│|].*[\\]│|] +\\d+/\\d+ \\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\)");

    private static final TestNeo4j NEO4J = TestNeo4j.get();

    @TempDir
    Path work;

    @BeforeAll
    static void seed() {
        // One statement, one transaction: about a second for 100k small nodes.
        NEO4J.reset();
        NEO4J.query("UNWIND range(1, $n) AS i CREATE (:Item {i: i, name: 'item-' + i})", Map.of("n", NODES));
    }

    @Test
    @DisplayName("under a pseudo-terminal one bar is redrawn in place with a percentage and a time left, and ends "
            + "at 100% on its own line")
    void barOnTerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        Map<String, String> env = new HashMap<>(NEO4J.env());
        env.put("TERM", "xterm");
        env.put("COLUMNS", "120");
        String screen = underTerminal(env, "backup", "create", "--to", work.resolve("tty").toString());

        assertTrue(screen.contains("created "), screen);
        assertTrue(BAR.matcher(screen).find(), "a bar with percent and time left: " + screen);
        assertTrue(Pattern.compile("backup neo4j 100% .* \\(\\d+:\\d\\d:\\d\\d / 0:00:00\\)").matcher(screen).find(),
                screen);
        assertTrue(screen.contains("\r\u001b[K"), "redrawn in place");
        assertFalse(screen.contains("\\u000d") || screen.contains("\\r"), "the bar's controls were not escaped");
        assertFalse(screen.contains("WARNING"), "no JVM or library warnings: " + screen);
        long bars = java.util.Arrays.stream(screen.split("\n")).filter(l -> l.contains("backup neo4j") && l.contains("%"))
                .count();
        assertEquals(1, bars, "one bar, redrawn on one line: " + screen);
    }

    @Test
    @DisplayName("with NO_COLOR or TERM=dumb a terminal gets plain progress lines, no bar")
    void plainOnDumbTerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        Map<String, String> env = new HashMap<>(NEO4J.env());
        env.put("TERM", "dumb");
        env.put("STATESTORE_PROGRESS_INTERVAL", "300ms");
        String screen = underTerminal(env, "backup", "create", "--to", work.resolve("dumb").toString());

        assertTrue(Pattern.compile("statestore: backup neo4j: 100000 of 100000 \\(100%, \\d+/s, done in \\d+s\\)")
                .matcher(screen).find(), screen);
        assertFalse(screen.contains("\u001b["), "no terminal controls: " + screen);
    }

    @Test
    @DisplayName("with stderr in a file (so JSON logs) progress lines carry done, total, percent and eta_s, and stdout "
            + "is only the result")
    void jsonLinesInFile() throws Exception {
        Map<String, String> env = new HashMap<>(NEO4J.env());
        env.put("STATESTORE_LOG_FORMAT", ""); // decided by stderr, as in a container
        env.put("STATESTORE_PROGRESS_INTERVAL", "300ms"); // a few lines from a backup of seconds
        StatestoreProcess p = StatestoreProcess.start(work, env, "backup", "create", "--to", work.resolve("file").toString());
        assertEquals(0, p.exitCode(120), p.err());

        List<JsonNode> progress = new ArrayList<>();
        for (String line : p.err().lines().toList()) {
            JsonNode entry = JSON.readTree(line); // every stderr line is JSON
            if (entry.has("percent")) {
                progress.add(entry);
            }
        }
        assertTrue(progress.size() >= 2, "lines while it runs, and one at the end: " + p.err());
        assertTrue(progress.get(0).get("percent").asInt() < 100, progress.get(0).toString());
        JsonNode last = progress.get(progress.size() - 1);
        assertEquals("info", last.get("level").asText());
        for (JsonNode line : progress) {
            assertTrue(line.has("eta_s") && line.has("total") && line.get("total").asLong() >= line.get("done").asLong(),
                    line.toString());
        }
        assertEquals(NODES, last.get("done").asLong(), "every node written (lease nodes are not content): " + last);
        assertEquals(100, last.get("percent").asInt(), last.toString());
        assertEquals(0, last.get("eta_s").asLong(), last.toString());
        assertFalse(p.err().contains("\r") || p.err().contains("\u001b"), "no bar in a file");
        assertEquals(1, p.out().lines().count(), p.out());
        assertTrue(p.out().startsWith("created "), p.out());
    }

    @Test
    @DisplayName("warnings are level warn in JSON logs (the -k key warning)")
    void warnLevel() throws Exception {
        java.io.StringWriter err = new java.io.StringWriter();
        Console console = new Console(new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err, true), new java.io.ByteArrayInputStream(new byte[0]), NEO4J.env(), true,
                new org.statestore.migrate.StopSignal());
        new Main(console).run("identity", "verify", "-t", "user", "-i", "nobody", "-k", "k");
        List<JsonNode> warnings = new ArrayList<>();
        for (String line : err.toString().lines().toList()) {
            JsonNode entry = JSON.readTree(line);
            if (entry.get("message").asText().contains("visible to other users")) {
                warnings.add(entry);
            }
        }
        assertEquals(1, warnings.size(), err.toString());
        assertEquals("warn", warnings.get(0).get("level").asText(), err.toString());
        assertFalse(warnings.get(0).get("message").asText().startsWith("warning:"), "the level says it");
    }

    /** Runs the CLI in its own JVM on a pseudo-terminal and returns everything it drew there. */
    private String underTerminal(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        StringBuilder shell = new StringBuilder();
        for (String c : command) {
            shell.append('\'').append(c.replace("'", "'\\''")).append("' ");
        }
        Path screen = Files.createTempFile(work, "screen", ".txt");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qfec", shell.toString(), "/dev/null")
                .redirectOutput(screen.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("STATESTORE_LOG_FORMAT");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("did not finish: " + Files.readString(screen, StandardCharsets.UTF_8));
        }
        String drawn = Files.readString(screen, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), drawn);
        return drawn;
    }
}
