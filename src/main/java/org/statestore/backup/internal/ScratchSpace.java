package org.statestore.backup.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private temporary directory of one backup operation (verify, restore, create): the memory-mapped
 * id maps live here, not loose in the shared temporary directory. It is {@code 0700}, named after the
 * process ({@code statestore-<pid>-<random>}), deleted when the operation ends and, should the JVM exit
 * first, by a shutdown hook. A process killed outright leaves it behind; the next operation deletes the
 * directories of processes that no longer run (and id-map files an older statestore left loose).
 */
public final class ScratchSpace implements AutoCloseable {

    private static final String PREFIX = "statestore-";
    private static final Pattern OURS = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-[A-Za-z0-9]+");
    // What statestore up to this version created directly in the temporary directory.
    private static final Pattern LEGACY = Pattern.compile(Pattern.quote(PREFIX)
            + "(verify-ids|restore-new-ids|restore-backup-ids|backup-seen)-\\d+\\.map");
    private static final Duration LEGACY_AGE = Duration.ofDays(1);

    private final Path directory;
    private final Thread cleanup;

    private ScratchSpace(Path directory) {
        this.directory = directory;
        this.cleanup = new Thread(() -> deleteTree(directory), "statestore-scratch-cleanup");
    }

    /** The base every operation uses unless told otherwise: {@code java.io.tmpdir}. */
    public static Path defaultBase() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Creates a new private directory under {@code base}, first removing what dead runs left there. */
    static ScratchSpace open(Path base) {
        try {
            Path dir = PrivateFiles.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-");
            ScratchSpace s = new ScratchSpace(dir);
            try {
                Runtime.getRuntime().addShutdownHook(s.cleanup);
            } catch (IllegalStateException e) {
                // Already shutting down: close() still deletes it, and the next run would.
            }
            s.removeStale(base);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory in " + base + ": "
                    + BackupReader.firstLine(e), e);
        }
    }

    Path directory() {
        return directory;
    }

    /** A new empty 0600 file in this directory. */
    Path newFile(String purpose) throws IOException {
        return PrivateFiles.createTempFile(directory, purpose + "-", ".map");
    }

    @Override
    public void close() {
        deleteTree(directory);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs (and finds nothing left to delete).
        }
    }

    /** Deletes directories of processes that are gone and old loose id maps; only the current user's. */
    private void removeStale(Path base) {
        UserPrincipal me;
        try {
            me = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path p : entries) {
                try {
                    removeIfStale(p, me);
                } catch (IOException | RuntimeException e) {
                    // Someone else's, in use, or gone meanwhile: leave it.
                }
            }
        } catch (IOException e) {
            // An unreadable temporary directory only means nothing is cleaned.
        }
    }

    private void removeIfStale(Path p, UserPrincipal me) throws IOException {
        String name = p.getFileName().toString();
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (p.equals(directory) || a.isSymbolicLink() || !me.equals(Files.getOwner(p, LinkOption.NOFOLLOW_LINKS))) {
            return;
        }
        Matcher m = OURS.matcher(name);
        if (m.matches() && a.isDirectory()) {
            long pid = Long.parseLong(m.group(1));
            if (ProcessHandle.of(pid).isEmpty()) {
                deleteTree(p);
            }
        } else if (LEGACY.matcher(name).matches() && a.isRegularFile()
                && a.lastModifiedTime().toInstant().isBefore(Instant.now().minus(LEGACY_AGE))) {
            Files.deleteIfExists(p);
        }
    }

    /** Deletes a tree without following symbolic links; what cannot be deleted is left. */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Left behind: the next run removes it once this process is gone.
        }
    }
}
