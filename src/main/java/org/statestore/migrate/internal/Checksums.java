package org.statestore.migrate.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.statestore.cypher.CypherScript;
import org.statestore.cypher.Statement;

/**
 * The checksum algorithms, each prefixed with its name so a later algorithm can sit beside it.
 *
 * <p>{@code v1}: SHA-256, hex, over the script's statements in their normalised form (LF line endings,
 * no trailing whitespace on any line, no leading or trailing blank lines), each followed by {@code ";\n"}.
 * So re-saving a script with CRLF endings, stray trailing spaces or extra blank lines between statements
 * does not change its checksum, but any change to a statement, or to a comment before or inside it, does
 * (comments are part of the statement text sent to the server).
 */
public final class Checksums {

    public static final String V1 = "v1:";

    private Checksums() {
    }

    public static String ofScript(CypherScript script) {
        return ofStatements(script.statements());
    }

    /** The same algorithm over some statements: a whole script, or the completed prefix of an interrupted run. */
    public static String ofStatements(List<Statement> statements) {
        StringBuilder text = new StringBuilder();
        for (Statement s : statements) {
            text.append(s.normalised()).append(";\n");
        }
        return V1 + sha256(text.toString());
    }

    /** Java units: the class name and the revision the author bumps when behaviour changes. */
    public static String ofJavaUnit(String className, int revision) {
        return V1 + sha256("java:" + className + "#" + revision);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
