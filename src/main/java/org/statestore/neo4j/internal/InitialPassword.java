package org.statestore.neo4j.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

import org.statestore.neo4j.Secret;

/**
 * The initial password file ({@code auth.ini}) that {@code neo4j-admin dbms set-initial-password} writes and
 * the system database reads while it starts, before Bolt opens: when it creates user {@code neo4j} (a new
 * store), and on every later start while {@code neo4j} still has the default password {@code neo4j} (a store
 * that only ever ran without authentication). Written here rather than with the admin tool, whose start (its
 * command tree) costs half a second: it is one line, {@code neo4j:<password hash>:} with no flags.
 */
final class InitialPassword {

    static final String FILE_NAME = "auth.ini";

    private final Path file;

    /** The file in {@code authDir} (Neo4j's {@code internal.server.directories.auth}). */
    InitialPassword(Path authDir) {
        this.file = authDir.resolve(FILE_NAME);
    }

    /** Writes the file for {@code password}, readable by this account only; any older file is replaced. */
    void write(Secret password, SecureRandom random) throws IOException {
        String line = "neo4j:" + PasswordHash.of(password, random) + ":\n";
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try (SeekableByteChannel out = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), ownerOnly())) {
            out.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /** Removes the file once the DBMS has started: the password is in the system database by then. */
    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The next start replaces it; it holds a salted hash, not the password.
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
}
