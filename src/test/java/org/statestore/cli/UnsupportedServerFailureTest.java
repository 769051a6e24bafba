package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.statestore.neo4j.ConnectedServer;
import org.statestore.neo4j.ServerInfo;
import org.statestore.neo4j.UnsupportedServerException;

import picocli.CommandLine;

@DisplayName("A server below Neo4j 5.0, as the CLI reports it")
class UnsupportedServerFailureTest {

    private static final UnsupportedServerException REFUSAL = refusal();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Console console = new Console(new PrintWriter(out), new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]), Map.of());

    private static UnsupportedServerException refusal() {
        try {
            new ConnectedServer("bolt://db:7687", "neo4j", new ServerInfo("4.4.48", "community"))
                    .requireNeo4j5("migrate up");
        } catch (UnsupportedServerException e) {
            return e;
        }
        throw new AssertionError("Neo4j 4.4.48 was not refused");
    }

    @Test
    @DisplayName("is exit 12 with the refusal's own message")
    void theRefusalIsExitTwelveWithItsMessage() {
        Failure failure = Failure.of(REFUSAL);
        assertEquals(ExitCode.UNSUPPORTED_SERVER, failure.exitCode());
        assertEquals(12, failure.exitCode().code());
        assertEquals(REFUSAL.getMessage(), failure.message());
        assertTrue(failure.message().startsWith("Neo4j 4.4.48 is below 5.0, which migrate up needs"),
                failure.message());
    }

    @Test
    @DisplayName("prints one stderr line, and the same text as the JSON envelope's error")
    void theRefusalIsOneLine() throws Exception {
        Failure failure = Failure.of(REFUSAL);
        int code = new ReportPrinter(console).print("migrate up", true,
                Report.failed(failure.exitCode(), failure.message()).build());
        assertEquals(12, code);
        assertEquals(List.of("statestore: " + REFUSAL.getMessage()), err.toString().lines().toList());
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertEquals(12, doc.get("exitCode").asInt());
        assertEquals(REFUSAL.getMessage(), doc.get("error").asText());
    }

    @Test
    @DisplayName("is in the exit code table --help prints")
    void exitTwelveIsInTheHelpTable() {
        assertTrue(List.of(ExitCode.helpTable()).contains(
                " 12:the server runs a Neo4j version the command does not support (below 5.0)"),
                List.of(ExitCode.helpTable()).toString());
    }

    @Test
    @DisplayName("is checked by every command that opens a store but the identity ones, which work on Neo4j 4.4")
    void onlyTheIdentityCommandsSkipTheCheck() {
        List<String> skipping = new ArrayList<>();
        List<String> checking = new ArrayList<>();
        collect(new Main(console).commandLine(), skipping, checking);
        assertEquals(List.of("identity add", "identity add-scope", "identity list", "identity list-scope",
                "identity remove", "identity remove-scope", "identity update-key", "identity verify"),
                skipping.stream().sorted().toList());
        assertTrue(checking.containsAll(List.of("migrate up", "migrate info", "migrate status", "migrate await",
                "migrate baseline", "migrate undo", "migrate validate", "migrate repair", "migrate import",
                "database init", "database check", "database doctor", "database reset", "backup create",
                "backup restore", "dev seed")), checking.toString());
        assertFalse(checking.stream().anyMatch(c -> c.startsWith("identity ")), checking.toString());
    }

    private static void collect(CommandLine command, List<String> skipping, List<String> checking) {
        if (command.getCommand() instanceof StoreCommand c) {
            (c.needsNeo4j5() ? checking : skipping).add(CommandNames.of(command.getCommandSpec()));
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            collect(sub, skipping, checking);
        }
    }
}
