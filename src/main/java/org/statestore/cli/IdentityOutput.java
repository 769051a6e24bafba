package org.statestore.cli;

import org.statestore.text.Printable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.identity.ApiKey;
import org.statestore.identity.Identity;
import org.statestore.identity.IdentityType;
import org.statestore.identity.Scope;

/** What the identity commands share: opening the database, naming identities in text, and their JSON fields. */
final class IdentityOutput {

    private IdentityOutput() {
    }

    static Statestore open(ConnectionOptions connection, Console console) {
        return Statestore.open(StatestoreConfig.builder().connection(connection.settings(console, ConnectionOptions.ImplicitStore.EXISTING_ONLY))
                .log(console::log).build());
    }

    /** e.g. {@code user identity 'alice'}; control characters are escaped so an identifier cannot forge lines. */
    static String name(IdentityType type, String identifier) {
        return type.cliName() + " identity " + quoted(identifier);
    }

    static String quoted(String text) {
        return Printable.quoted(text);
    }

    /** The identifier as a table cell: bare when it is plainly one word, quoted otherwise. */
    static String cell(String identifier) {
        return identifier.matches("[A-Za-z0-9_.@:+-]+") ? identifier : quoted(identifier);
    }

    static String scopeList(List<String> scopes) {
        return scopes.isEmpty() ? "(none)" : String.join(", ", scopes);
    }

    static List<String> texts(List<Scope> scopes) {
        return scopes.stream().map(Scope::toString).toList();
    }

    /** The identity's JSON fields (never its key or hash). */
    static Map<String, Object> json(Identity identity) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", identity.type().cliName());
        m.put("identifier", identity.identifier());
        m.put("scopes", identity.scopes());
        m.put("disabled", identity.disabled());
        return m;
    }

    /** An envelope naming the identity a command worked on, for success and failure alike. */
    static Map<String, Object> envelope(String command, ExitCode code, String error, IdentityType type,
                                        String identifier) {
        Map<String, Object> doc = JsonOutput.envelope(command, code, error);
        doc.put("type", type.cliName());
        doc.put("identifier", identifier);
        return doc;
    }

    /** Reports a failure: the JSON envelope when asked for, and always one line on stderr. Returns the exit code. */
    static int fail(Console console, Reporting command, ExitCode code, String error, IdentityType type,
                    String identifier) {
        if (command.json()) {
            JsonOutput.print(console.out(), envelope(command.commandName(), code, error, type, identifier));
        }
        console.error(error);
        return code.code();
    }

    /** Prints a generated key once: on its own last line of stdout, or as {@code generatedKey} in JSON. */
    static void printGeneratedKey(Console console, ApiKey key) {
        console.out().println("generated key (shown only this once; store it now, it cannot be recovered):");
        console.out().println(key.reveal());
    }

    /** Rows padded into columns, two spaces apart. */
    static void table(Console console, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < r.length; i++) {
                cells.add(i < r.length - 1 ? String.format("%-" + widths[i] + "s", r[i]) : r[i]);
            }
            console.out().println(String.join("  ", cells).stripTrailing());
        }
        console.out().flush();
    }
}
