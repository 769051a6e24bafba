package org.statestore.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.statestore.identity.Identity;
import org.statestore.identity.IdentityType;
import org.statestore.identity.Scope;
import org.statestore.text.internal.Printable;

/** What the identity reports share: naming identities in text, table cells and lines, and their JSON fields. */
final class IdentityOutput {

    private IdentityOutput() {
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

    /** Rows padded into columns, two spaces apart, as lines without trailing blanks. */
    static List<String> table(List<String[]> rows) {
        return TextTable.lines(rows.stream().map(List::of).toList());
    }
}
