package org.statestore.backup.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files and directories only their owner can read: a backup holds every identity's bcrypt hash, so
 * backups, their temporary files and new directories are created {@code 0600}/{@code 0700} from the
 * start (as an attribute of the create call, never a chmod afterwards that leaves a window). On a file
 * system without POSIX permissions they are created with its defaults.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} and any missing parents as 0700; existing directories are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        if (posix(dir)) {
            return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        return Files.createDirectories(dir);
    }

    /** A new 0700 directory named {@code prefix} plus a random suffix under {@code parent}. */
    static Path createTempDirectory(Path parent, String prefix) throws IOException {
        if (posix(parent)) {
            return Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        return Files.createTempDirectory(parent, prefix);
    }

    /** A new, empty 0600 file named {@code prefix} plus a random suffix plus {@code suffix} in {@code dir}. */
    static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
        if (posix(dir)) {
            return Files.createTempFile(dir, prefix, suffix, PosixFilePermissions.asFileAttribute(FILE));
        }
        return Files.createTempFile(dir, prefix, suffix);
    }

    /** Opens a new 0600 file for writing; fails if {@code file} exists. */
    static OutputStream newFile(Path file) throws IOException {
        return Channels.newOutputStream(newChannel(file));
    }

    /** A new 0600 file opened for writing (CREATE_NEW). */
    static FileChannel newChannel(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Path parent = file.toAbsolutePath().getParent();
        if (posix(parent)) {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE);
            return FileChannel.open(file, options, mode);
        }
        return FileChannel.open(file, options);
    }

    /** Makes an existing file 0600 (a file another program created, before it is published). */
    static void restrict(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix(Path p) {
        FileSystem fs = p.getFileSystem();
        return fs.supportedFileAttributeViews().contains("posix");
    }
}
