package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.statestore.testing.CliRun;

@DisplayName("statestore server")
class ServerCommandTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("serves the embedded store over Bolt to a driver, and stops on SIGTERM")
    void servesBolt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "server", "--data-dir", dataDir.toString(), "--bolt-port", "0",
                "--page-cache", "32")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = Pattern.compile("on (bolt://\\S+) without authentication").matcher(String.valueOf(line));
            assertTrue(m.find(), "first line: " + line);
            try (Driver driver = GraphDatabase.driver(m.group(1), AuthTokens.none(),
                    org.neo4j.driver.Config.builder().withLogging(org.neo4j.driver.Logging.none()).build())) {
                driver.session().run("CREATE (:Served {ok: true})").consume();
                assertEquals(1, driver.session().run("MATCH (n:Served) RETURN count(n)").single().get(0).asLong());
            }
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "server stops on SIGTERM");
            assertEquals(143, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    @DisplayName("refuses to listen beyond loopback without a password")
    void refusesOpenListen() {
        CliRun run = CliRun.run(Map.of(), "server", "--listen", "0.0.0.0", "--data-dir", dataDir.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(run.err().contains("--password-file"), run.err());
    }
}
