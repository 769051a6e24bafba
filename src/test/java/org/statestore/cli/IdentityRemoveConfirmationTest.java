package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.testing.TestNeo4j;

import picocli.CommandLine;

@DisplayName("identity remove asks a person on a terminal before deleting")
class IdentityRemoveConfirmationTest {

    private final TestNeo4j neo4j = TestNeo4j.get();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void oneIdentity() {
        neo4j.reset();
        neo4j.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: 'alice', hashed_key: 'x', "
                + "scopes: ['acme-*-*'], disabled: false})");
    }

    /** A terminal whose person gives {@code answer}, remembering what they were asked. */
    private static final class ScriptedTerminal implements Terminal {
        final List<String> prompts = new ArrayList<>();
        final Optional<String> answer;

        ScriptedTerminal(Optional<String> answer) {
            this.answer = answer;
        }

        @Override
        public boolean interactive() {
            return true;
        }

        @Override
        public Optional<String> readLine(String prompt) {
            prompts.add(prompt);
            return answer;
        }

        @Override
        public Optional<char[]> readSecret(String prompt) {
            throw new AssertionError("remove never asks for a secret");
        }
    }

    private int remove(Terminal terminal, String... extra) {
        Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0]), neo4j.env());
        List<String> args = new ArrayList<>(List.of("-t", "user", "-i", "alice"));
        args.addAll(List.of(extra));
        return new CommandLine(new IdentityRemoveCommand(console, terminal)).execute(args.toArray(String[]::new));
    }

    private long identities() {
        return neo4j.count("MATCH (n:CredentialedUserIdentity) RETURN count(n)");
    }

    @Test
    @DisplayName("'y' removes it after showing which identity and its scopes")
    void yesRemoves() {
        ScriptedTerminal person = new ScriptedTerminal(Optional.of("y"));
        assertEquals(0, remove(person));
        assertEquals(List.of("Remove user identity 'alice' (scopes: acme-*-*)? [y/N] "), person.prompts);
        assertEquals(0, identities());
        assertTrue(out.toString().contains("removed user identity 'alice'"), out.toString());
    }

    @Test
    @DisplayName("anything else, or end of input, keeps it and exits 11")
    void otherAnswersKeep() {
        for (Optional<String> answer : List.of(Optional.of("n"), Optional.of(""), Optional.of("yess"),
                Optional.<String>empty())) {
            assertEquals(11, remove(new ScriptedTerminal(answer)));
            assertEquals(1, identities());
        }
        assertTrue(err.toString().contains("not confirmed; user identity 'alice' was not removed"), err.toString());
    }

    @Test
    @DisplayName("--yes removes without asking")
    void yesFlagSkipsQuestion() {
        ScriptedTerminal person = new ScriptedTerminal(Optional.of("n"));
        assertEquals(0, remove(person, "--yes"));
        assertTrue(person.prompts.isEmpty());
        assertEquals(0, identities());
    }

    @Test
    @DisplayName("without a terminal and without --yes it refuses with exit 11")
    void noTerminalRefuses() {
        assertEquals(11, remove(Terminal.NONE));
        assertEquals(1, identities());
        assertTrue(err.toString().contains("there is no terminal to ask on, so pass --yes"), err.toString());
    }
}
