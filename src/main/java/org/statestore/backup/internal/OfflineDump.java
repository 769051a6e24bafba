package org.statestore.backup.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.statestore.neo4j.internal.Neo4jAdmin;

/**
 * Offline dumps in Neo4j's own format ({@code neo4j-admin database dump/load}), run in-process with the
 * admin tool that ships inside the embedded Neo4j, on a STOPPED store: what the operations manual does
 * with {@code docker run neo4j-admin}, plus dated names that never overwrite and a refusal while the
 * store is in use.
 *
 * <p>The store directory is laid out as the embedded server and a Neo4j installation lay it out:
 * {@code <dataDir>/data/databases/<database>}. The admin tool gets an empty configuration of its own.
 * A database name must follow Neo4j's rules ({@link DatabaseName}) before any path is built from it, and
 * a dump is published {@code 0600} (it holds every identity's bcrypt hash).
 */
public final class OfflineDump {

    private final Consumer<String> progress;
    private final Clock clock;
    private final Path scratchBase;

    public OfflineDump(Consumer<String> progress, Clock clock) {
        this(progress, clock, ScratchSpace.defaultBase());
    }

    /** @param scratchBase where {@link #describe} stages a dump in a private temporary directory */
    public OfflineDump(Consumer<String> progress, Clock clock, Path scratchBase) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scratchBase = Objects.requireNonNull(scratchBase, "scratchBase");
    }

    /**
     * Dumps {@code database} of the stopped store in {@code dataDir} to {@code <toDir>/<database>-<time>.dump}.
     *
     * @throws IllegalArgumentException when {@code database} is not a Neo4j database name
     */
    public OfflineResult dump(Path dataDir, String database, Path toDir) {
        database = DatabaseName.require(database);
        long t0 = System.nanoTime();
        Path home = dataDir.toAbsolutePath().normalize();
        Path dir = toDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(databaseDir(home, database))) {
            return new OfflineResult.NotFound("no database '" + database + "' in " + home + " (expected "
                    + databaseDir(home, database) + ")");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Path target = dir.resolve(BackupFormat.dumpFileName(database, now));
        if (Files.exists(target)) {
            return new OfflineResult.Exists(target);
        }
        Path work = null;
        try {
            PrivateFiles.createDirectories(dir);
            work = PrivateFiles.createTempDirectory(dir, "." + target.getFileName() + ".tmp-");
            progress.accept("offline: dumping " + database + " from " + home + " with Neo4j's admin tool");
            Neo4jAdmin.Run run = run(home, "database", "dump", database, "--to-path=" + work);
            if (run.code() != 0) {
                return failure(run, home);
            }
            Path produced = work.resolve(database + BackupFormat.DUMP_EXTENSION);
            // Not yet visible under its name (the work directory is 0700): private before it is published.
            PrivateFiles.restrict(produced);
            try {
                Files.createLink(target, produced);
            } catch (FileAlreadyExistsException e) {
                return new OfflineResult.Exists(target);
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(target)) {
                    return new OfflineResult.Exists(target);
                }
                Files.move(produced, target, StandardCopyOption.ATOMIC_MOVE);
            }
            long size = Files.size(target);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            progress.accept("offline: wrote " + target + " (" + size + " bytes) in " + elapsed.toMillis() + " ms");
            return new OfflineResult.Dumped(target, size, elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dump in " + dir + ": " + BackupReader.firstLine(e), e);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Loads {@code file} (a Neo4j dump) as {@code database} into the stopped store in {@code dataDir}.
     * A store that already holds the database is refused unless {@code replace}.
     *
     * @throws IllegalArgumentException when {@code database} is not a Neo4j database name
     */
    public OfflineResult load(Path file, Path dataDir, String database, boolean replace) {
        database = DatabaseName.require(database);
        long t0 = System.nanoTime();
        Path home = dataDir.toAbsolutePath().normalize();
        Path source = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            return new OfflineResult.NotFound("no dump file " + source);
        }
        if (!replace && holdsFiles(databaseDir(home, database))) {
            return new OfflineResult.Refused(home + " already holds database '" + database
                    + "': load only writes a new store; add --replace --yes to overwrite it");
        }
        Path work = null;
        try {
            PrivateFiles.createDirectories(home);
            work = PrivateFiles.createTempDirectory(home, ".statestore-load-");
            // The admin tool loads DIR/<database>.dump; a hard link avoids copying the dump where it can.
            Path staged = work.resolve(database + BackupFormat.DUMP_EXTENSION);
            try {
                Files.createLink(staged, source);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(source, staged);
            }
            progress.accept("offline: loading " + source + " into " + home + " with Neo4j's admin tool");
            Neo4jAdmin.Run run = run(home, "database", "load", "--from-path=" + work, "--overwrite-destination=" + replace,
                    database);
            if (run.code() != 0) {
                return failure(run, home);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            progress.accept("offline: loaded " + database + " into " + home + " in " + elapsed.toMillis() + " ms");
            return new OfflineResult.Loaded(source, home, elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the dump in " + home + ": " + BackupReader.firstLine(e), e);
        } finally {
            deleteTree(work);
        }
    }

    /** Neo4j's own reading of a dump's metadata ({@code load --info}): its format, file and byte counts. */
    public OfflineResult describe(Path file) {
        Path source = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            return new OfflineResult.NotFound("no dump file " + source);
        }
        Path work = null;
        try (ScratchSpace scratch = ScratchSpace.open(scratchBase)) {
            work = scratch.directory();
            Path staged = work.resolve("dumps").resolve("neo4j" + BackupFormat.DUMP_EXTENSION);
            Files.createDirectories(staged.getParent());
            try {
                Files.createSymbolicLink(staged, source);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(source, staged);
            }
            Neo4jAdmin.Run run = run(work, "database", "load", "--info", "--from-path=" + staged.getParent(), "neo4j");
            if (run.code() != 0) {
                return new OfflineResult.Failed("Neo4j cannot read " + source + ": " + run.errorLine());
            }
            String info = (run.out() + "\n" + run.err()).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("Files:") && !l.startsWith("Done:"))
                    .reduce((a, b) -> a + "; " + b).orElse("");
            return new OfflineResult.Described(source, Files.size(source), info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + BackupReader.firstLine(e), e);
        } finally {
            deleteTree(work);
        }
    }

    private OfflineResult failure(Neo4jAdmin.Run run, Path home) {
        String line = run.errorLine();
        if (line.contains("in use")) {
            return new OfflineResult.Refused("the store in " + home + " is in use by a running Neo4j: stop it first, "
                    + "or take an online backup (statestore backup create)");
        }
        return new OfflineResult.Failed("Neo4j's admin tool failed: " + line);
    }

    static Path databaseDir(Path home, String database) {
        return home.resolve("data").resolve("databases").resolve(database);
    }

    private static boolean holdsFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    /** One admin tool run with its own empty configuration, its output captured. */
    private static Neo4jAdmin.Run run(Path home, String... args) throws IOException {
        return new Neo4jAdmin(home).run(args);
    }

    private static void deleteTree(Path root) {
        Neo4jAdmin.deleteTree(root);
    }
}
