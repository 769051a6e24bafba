package org.statestore.neo4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.neo4j.Secret;

@DisplayName("The initial password file")
class InitialPasswordTest {

    private static final Pattern LINE = Pattern.compile("neo4j:SHA-256,([0-9a-f]{64}),([0-9a-f]{64}),1024:\n");

    @Test
    @DisplayName("holds the same hash for the same salt as neo4j-admin dbms set-initial-password writes, and only its owner reads it")
    void sameAsTheAdminTool(@TempDir Path home) throws Exception {
        String password = "Correct-Horse-\u00e9-Battery";
        Neo4jAdmin.Run run = new Neo4jAdmin(home).run("dbms", "set-initial-password", password);
        assertTrue(run.ok(), run.out() + run.err());
        Path file = EmbeddedServer.authDir(home).resolve(InitialPassword.FILE_NAME);
        Matcher tool = LINE.matcher(Files.readString(file));
        assertTrue(tool.matches(), "the tool's line has the expected shape");
        byte[] salt = HexFormat.of().parseHex(tool.group(2));
        assertEquals(tool.group(1), HexFormat.of().formatHex(PasswordHash.hash(Secret.of(password), salt)));

        InitialPassword ours = new InitialPassword(EmbeddedServer.authDir(home));
        ours.write(Secret.of(password), new SecureRandom());
        String line = Files.readString(file);
        assertTrue(LINE.matcher(line).matches(), line);
        assertFalse(line.contains(password));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        ours.delete();
        assertFalse(Files.exists(file));
    }
}
