package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

@DisplayName("The one-command tree a grouped command line gets")
class CommandTreeTest {

    private final Main main = new Main(new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
            new ByteArrayInputStream(new byte[0]), Map.of()));

    @Test
    @DisplayName("every command inside a group has the same usage text alone as in the whole tree")
    void everyGroupedCommandMatchesTheWholeTree() {
        List<String> checked = new ArrayList<>();
        for (CommandLine group : main.commandLine().getSubcommands().values()) {
            for (CommandLine leaf : group.getSubcommands().values()) {
                if (!leaf.getSubcommands().isEmpty()) {
                    continue;
                }
                String[] args = {group.getCommandName(), leaf.getCommandName(), "--help"};
                CommandLine alone = main.singleCommand(args).orElseThrow(() -> new AssertionError(String.join(" ", args)));
                CommandLine found = alone.getSubcommands().get(args[0]).getSubcommands().get(args[1]);
                assertEquals(leaf.getUsageMessage(), found.getUsageMessage(), String.join(" ", args));
                assertEquals(leaf.getCommandSpec().qualifiedName(), found.getCommandSpec().qualifiedName());
                checked.add(args[0] + " " + args[1]);
            }
        }
        assertTrue(checked.contains("migrate up") && checked.contains("identity add") && checked.size() > 20,
                checked.toString());
        assertTrue(checked.containsAll(List.of("database check", "database doctor", "database expire-registrations")),
                checked.toString());
    }

    @Test
    @DisplayName("a group alone, a top-level command, help and unknown names get the whole tree")
    void otherCommandLinesGetTheWholeTree() {
        for (String[] args : List.of(new String[] {"migrate"}, new String[] {"migrate", "--help"},
                new String[] {"server", "--help"}, new String[] {"migrate", "nonsense"}, new String[] {"--help"},
                new String[] {"database", "migrate", "v03-to-v04"})) {
            assertTrue(main.singleCommand(args).isEmpty(), String.join(" ", args));
        }
    }

    @Test
    @DisplayName("a bad option on a grouped command names the full command in its one-line error")
    void badOptionNamesTheFullCommand() {
        StringWriter err = new StringWriter();
        Main withErr = new Main(new Console(new PrintWriter(new StringWriter()), new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]), Map.of()));
        assertEquals(ExitCode.USAGE.code(), withErr.run("migrate", "up", "--no-such-flag"));
        assertTrue(err.toString().contains("(see 'statestore migrate up --help')"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }
}
