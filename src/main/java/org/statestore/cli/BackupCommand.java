package org.statestore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import org.statestore.backup.BackupHeader;
import org.statestore.backup.internal.DatabaseName;
import org.statestore.backup.internal.OfflineDump;
import org.statestore.backup.internal.PrivateFiles;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.text.internal.Printable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The parent of the backup verbs, and what they share: the backup directory, the store directory, formatting. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Online, checksummed backups over Bolt (.ssbak) and offline dumps in Neo4j's own format (.dump).",
                "Backups are named <database>-<yyyyMMdd'T'HHmmss'Z'>.ssbak|.dump and never overwrite a file."},
        subcommands = {BackupCreateCommand.class, BackupRestoreCommand.class, BackupVerifyCommand.class,
                BackupListCommand.class, BackupPruneCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {"  STATESTORE_BACKUP_DIR   default backup directory (else ./backups)"})
final class BackupCommand {

    static final Path DEFAULT_DIR = Path.of("backups");

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The flag's directory, else STATESTORE_BACKUP_DIR, else ./backups. */
    static Path directory(Path flag, Console console) {
        return Optional.ofNullable(flag).or(() -> console.env("STATESTORE_BACKUP_DIR").map(Path::of)).orElse(DEFAULT_DIR);
    }

    /** Creates the directory a backup is written to (0700 when new); an unusable one is a usage error. */
    static Path writableDirectory(Path dir, String flag) {
        try {
            PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException(flag + " " + dir + ": cannot create the directory (" + e.getClass().getSimpleName()
                    + ")");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new UsageException(flag + " " + dir + " is not a writable directory");
        }
        return dir;
    }

    /** The store directory of an offline command: --data-dir, else STATESTORE_DATA_DIR; --url makes no sense there. */
    static Path offlineDataDir(ConnectionOptions connection, Console console) {
        if (connection.url != null) {
            throw new UsageException("--offline works on a stopped local store (--data-dir); it cannot use --url");
        }
        return Optional.ofNullable(connection.dataDir).or(() -> console.env("STATESTORE_DATA_DIR").map(Path::of))
                .orElse(ConnectionSettings.DEFAULT_DATA_DIR);
    }

    /**
     * The database of an offline command (--database, else NEO4J_DBNAME), checked against Neo4j's naming rules
     * before it becomes part of a path.
     */
    static String offlineDatabase(ConnectionOptions connection, Console console) {
        String source = connection.credentials.database != null ? "--database" : "NEO4J_DBNAME";
        String name = connection.credentials.database(console);
        Optional<String> problem = DatabaseName.problem(name);
        if (problem.isPresent()) {
            throw new UsageException(source + ": " + problem.get());
        }
        return DatabaseName.normalized(name);
    }

    /** Whether {@code file}'s name ends in {@code extension} ({@code .dump}, {@code .ssbak}). */
    static boolean named(Path file, String extension) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(extension);
    }

    /** Neo4j's admin tool, for dumps, loads and reading a dump's metadata; its output lines are logged. */
    static OfflineDump neo4jAdmin(Console console) {
        return new OfflineDump(console::log, Clock.systemUTC());
    }

    static String when(Instant t) {
        return WHEN.format(t);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** One line describing a backup's header for people; every field from the file is escaped. */
    static String describe(BackupHeader h) {
        return "database " + Printable.escape(h.database()) + " taken " + when(h.createdAt()) + " from Neo4j "
                + Printable.escape(h.serverVersion()) + " (" + h.counts() + "; history head "
                + h.historyHead().map(Object::toString).map(Printable::escape).orElse("none") + ")";
    }

    /** {@code list} and {@code prune}: the backups in one directory, read without connecting to anything. */
    abstract static class InDirectory extends ReportingCommand {

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
                description = "Backup directory. Env: STATESTORE_BACKUP_DIR. Default: ./backups.")
        Path dir;

        InDirectory(Console console) {
            super(console);
        }

        /** Flag checks before the directory is looked at (usage errors); none by default. */
        void prepare() {
        }

        /** What the verb finds in {@code directory}, which exists. */
        abstract Report report(Path directory) throws IOException;

        @Override
        final Report report() {
            prepare();
            Path d = directory(dir, console);
            if (!Files.isDirectory(d)) {
                return BackupReports.noDirectory(d);
            }
            try {
                return report(d);
            } catch (IOException e) {
                return BackupReports.unreadable(e);
            }
        }
    }
}
