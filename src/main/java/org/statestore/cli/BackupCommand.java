package org.statestore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.statestore.StatestoreConfig;
import org.statestore.backup.BackupHeader;
import org.statestore.backup.internal.DatabaseName;
import org.statestore.backup.internal.PrivateFiles;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.text.internal.Printable;

import picocli.CommandLine.Command;

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

    /** The store directory and database of an offline command: --data-dir / STATESTORE_DATA_DIR and --database / NEO4J_DBNAME. */
    static Path offlineDataDir(ConnectionOptions connection, Console console) {
        if (connection.url != null) {
            throw new UsageException("--offline works on a stopped local store (--data-dir); it cannot use --url");
        }
        return Optional.ofNullable(connection.dataDir).or(() -> console.env("STATESTORE_DATA_DIR").map(Path::of))
                .orElse(ConnectionSettings.DEFAULT_DATA_DIR);
    }

    /** The database of an offline command, checked against Neo4j's naming rules before it becomes part of a path. */
    static String offlineDatabase(ConnectionOptions connection, Console console) {
        String source = connection.database != null ? "--database" : "NEO4J_DBNAME";
        String name = Optional.ofNullable(connection.database).or(() -> console.env("NEO4J_DBNAME"))
                .orElse(ConnectionSettings.DEFAULT_DATABASE);
        Optional<String> problem = DatabaseName.problem(name);
        if (problem.isPresent()) {
            throw new UsageException(source + ": " + problem.get());
        }
        return DatabaseName.normalized(name);
    }

    /** The facade's configuration for a backup command: no units are needed. */
    static StatestoreConfig.Builder builder(ConnectionOptions connection, Console console) {
        return StatestoreConfig.builder().bundledUnits(false)
                .connection(connection.settings(console, ConnectionOptions.ImplicitStore.EXISTING_ONLY)).log(console::log);
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
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** One line describing a backup's header for people; every field from the file is escaped. */
    static String describe(BackupHeader h) {
        return "database " + Printable.escape(h.database()) + " taken " + when(h.createdAt()) + " from Neo4j "
                + Printable.escape(h.serverVersion()) + " (" + h.counts() + "; history head "
                + h.historyHead().map(Object::toString).map(Printable::escape).orElse("none") + ")";
    }

    /**
     * Prints {@code error} the way the command prints: a JSON envelope on stdout, and one line on stderr.
     * The line is escaped: it can quote a backup file, which is untrusted.
     */
    static int fail(Console console, Reporting command, ExitCode code, String message) {
        String error = Printable.escape(message);
        if (command.json()) {
            JsonOutput.print(console.out(), JsonOutput.envelope(command.commandName(), code, error));
        }
        console.error(error);
        return code.code();
    }

    static Map<String, Object> json(Reporting command, Map<String, Object> fields) {
        Map<String, Object> doc = JsonOutput.envelope(command.commandName(), ExitCode.OK, null);
        doc.putAll(fields);
        return doc;
    }

    static Map<String, Object> fields() {
        return new LinkedHashMap<>();
    }
}
