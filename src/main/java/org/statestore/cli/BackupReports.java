package org.statestore.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.statestore.backup.BackupHeader;
import org.statestore.backup.CreateResult;
import org.statestore.backup.RestoreResult;
import org.statestore.backup.VerifyResult;
import org.statestore.backup.internal.CatalogEntry;
import org.statestore.backup.internal.OfflineResult;
import org.statestore.backup.internal.PruneResult;
import org.statestore.text.internal.Printable;

/**
 * The backup commands' results as reports: pure functions, one per result. Every error line is escaped: it can
 * quote a backup file or Neo4j's admin tool, which statestore did not write.
 */
final class BackupReports {

    private static final List<String> COLUMNS = List.of("NAME", "KIND", "TIME", "SIZE", "NODES", "RELS", "CONSTRAINTS",
            "INDEXES", "HISTORY HEAD");

    private BackupReports() {
    }

    private static Report failed(ExitCode code, String error) {
        return Report.failed(code, Printable.escape(error)).build();
    }

    /** {@code backup create}, online. */
    static Report created(CreateResult result) {
        if (result instanceof CreateResult.Created c) {
            Report.Builder report = Report.ok().field("file", c.file().toString()).field("sizeBytes", c.sizeBytes())
                    .field("elapsedMs", c.elapsed().toMillis()).field("header", c.header().toPrintableMap())
                    .line("created " + c.file() + " (" + BackupCommand.size(c.sizeBytes()) + "): "
                            + BackupCommand.describe(c.header()));
            if (c.header().skippedRelationships() > 0) {
                report.line("note: " + c.header().skippedRelationships() + " relationships created during the backup "
                        + "were left out (their endpoint was not captured)");
            }
            return report.build();
        }
        if (result instanceof CreateResult.Exists e) {
            return failed(ExitCode.EXISTS, e.file() + " already exists; nothing was written (one backup per database "
                    + "per second)");
        }
        if (result instanceof CreateResult.GuardLost g) {
            return failed(ExitCode.LOCK_TIMEOUT, g.reason() + "; nothing was written: run the backup again");
        }
        if (result instanceof CreateResult.Refused r) {
            return failed(ExitCode.REFUSED, "cannot back up: " + r.reason());
        }
        throw Unmapped.result(result);
    }

    /** {@code backup create} waited {@code --lock-timeout} for the migration lock; {@code message} names its holder. */
    static Report lockTimeout(String message) {
        return failed(ExitCode.LOCK_TIMEOUT, message + "; nothing was written");
    }

    /** {@code backup create --offline}: a dump of {@code database} in the stopped store in {@code dataDir}. */
    static Report dumped(OfflineResult result, Path dataDir, String database) {
        if (result instanceof OfflineResult.Dumped d) {
            return Report.ok().field("file", d.file().toString()).field("sizeBytes", d.sizeBytes())
                    .field("elapsedMs", d.elapsed().toMillis()).field("format", "neo4j-dump")
                    .line("created " + d.file() + " (" + BackupCommand.size(d.sizeBytes()) + "): Neo4j dump of database "
                            + database + " from " + dataDir.toAbsolutePath().normalize()).build();
        }
        return offlineFailure(result);
    }

    /** {@code backup verify} of a {@code .ssbak} file. */
    static Report verified(VerifyResult result) {
        if (result instanceof VerifyResult.Valid v) {
            return Report.ok().field("file", v.file().toString()).field("valid", true).field("sizeBytes", v.sizeBytes())
                    .field("sha256", v.sha256()).field("header", v.header().toPrintableMap())
                    .line("ok: " + v.file() + " (" + BackupCommand.size(v.sizeBytes()) + "): "
                            + BackupCommand.describe(v.header())).build();
        }
        if (result instanceof VerifyResult.Invalid i) {
            return failed(ExitCode.VALIDATION, i.file() + " is not a valid backup: " + i.reason());
        }
        return missing(result);
    }

    /** {@code backup verify} of a Neo4j {@code .dump}: what Neo4j's admin tool reads in it. */
    static Report described(OfflineResult result) {
        if (result instanceof OfflineResult.Described d) {
            return Report.ok().field("file", d.file().toString()).field("valid", true).field("sizeBytes", d.sizeBytes())
                    .field("neo4jInfo", d.info()).line("ok: " + d.file() + " (" + BackupCommand.size(d.sizeBytes())
                            + "): Neo4j reads it: " + d.info()).build();
        }
        if (result instanceof OfflineResult.Failed f) {
            return failed(ExitCode.VALIDATION, f.reason()); // the tool cannot read the dump: it is not valid
        }
        return offlineFailure(result);
    }

    /** Why {@code backup restore} does not restore a file that did not verify (a valid one has no such report). */
    static Report unrestorable(VerifyResult result) {
        if (result instanceof VerifyResult.Invalid i) {
            return failed(ExitCode.VALIDATION, i.file() + " failed verification, nothing was written: " + i.reason());
        }
        return missing(result);
    }

    private static Report missing(VerifyResult result) {
        if (result instanceof VerifyResult.Missing m) {
            return failed(ExitCode.NOT_FOUND, "no backup file " + m.file());
        }
        throw Unmapped.result(result);
    }

    /** {@code backup restore} with {@code --replace} but not {@code --yes}. */
    static Report replaceUnconfirmed() {
        return failed(ExitCode.REFUSED, "--replace deletes everything in the target database before restoring: add "
                + "--yes to confirm");
    }

    /** {@code backup restore}, online, of a verified file. */
    static Report restored(RestoreResult result) {
        if (result instanceof RestoreResult.Restored r) {
            return Report.ok().field("file", r.file().toString()).field("elapsedMs", r.elapsed().toMillis())
                    .field("verified", true).field("header", r.header().toPrintableMap())
                    .line("restored " + r.file() + " (" + r.header().counts() + ") in " + r.elapsed().toMillis()
                            + " ms; read back: counts, constraints, indexes and content digest match the backup").build();
        }
        if (result instanceof RestoreResult.Refused r) {
            return failed(ExitCode.REFUSED, r.reason());
        }
        if (result instanceof RestoreResult.Mismatch m) {
            // A reason that already names --replace says how to start over; do not say it twice.
            return failed(ExitCode.VALIDATION, "restore did not verify: " + m.reason() + (m.reason().contains("--replace")
                    ? "" : "; the database holds what was written: restore again with --replace --yes"));
        }
        throw Unmapped.result(result);
    }

    /** {@code backup restore --offline}: a dump loaded as {@code database}. */
    static Report loaded(OfflineResult result, String database) {
        if (result instanceof OfflineResult.Loaded l) {
            return Report.ok().field("file", l.file().toString()).field("dataDir", l.dataDir().toString())
                    .field("database", database).field("elapsedMs", l.elapsed().toMillis())
                    .line("loaded " + l.file() + " as database " + database + " into " + l.dataDir()).build();
        }
        return offlineFailure(result);
    }

    /** The offline results that are no verb's success. */
    private static Report offlineFailure(OfflineResult result) {
        if (result instanceof OfflineResult.Exists e) {
            return failed(ExitCode.EXISTS, e.file() + " already exists; nothing was written");
        }
        if (result instanceof OfflineResult.Refused r) {
            return failed(ExitCode.REFUSED, r.reason());
        }
        if (result instanceof OfflineResult.NotFound n) {
            return failed(ExitCode.NOT_FOUND, n.reason());
        }
        if (result instanceof OfflineResult.Failed f) {
            return failed(ExitCode.INTERNAL, f.reason());
        }
        throw Unmapped.result(result);
    }

    /** An online or offline verb failed to read or write a file. */
    static Report ioFailure(UncheckedIOException e) {
        return failed(ExitCode.INTERNAL, String.valueOf(e.getMessage()));
    }

    /** {@code backup list} or {@code prune} could not read the directory: as the exception's own failure line. */
    static Report unreadable(IOException e) {
        Failure failure = Failure.of(e);
        return Report.failed(failure.exitCode(), failure.message()).build();
    }

    /** {@code backup list} or {@code prune} of a directory that does not exist. */
    static Report noDirectory(Path dir) {
        return failed(ExitCode.NOT_FOUND, "no backup directory " + dir);
    }

    /** {@code backup list}: the entries as JSON and as a table, newest first. */
    static Report list(Path dir, List<CatalogEntry> entries) {
        return Report.ok().field("directory", dir.toString())
                .field("backups", entries.stream().map(BackupReports::entry).toList())
                .lines(table(entries)).line(entries.size() + " backups in " + dir).build();
    }

    /** {@code backup list}'s table: a header row, one row per entry, columns padded to their widest cell. */
    static List<String> table(List<CatalogEntry> entries) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS);
        entries.forEach(e -> rows.add(row(e)));
        return TextTable.lines(rows);
    }

    private static List<String> row(CatalogEntry e) {
        Optional<BackupHeader> h = e.header();
        return List.of(Printable.escape(e.file().getFileName().toString()), kind(e),
                e.time().map(BackupCommand::when).orElse("-"), BackupCommand.size(e.sizeBytes()),
                h.map(x -> Long.toString(x.counts().nodes())).orElse("-"),
                h.map(x -> Long.toString(x.counts().relationships())).orElse("-"),
                h.map(x -> Long.toString(x.counts().constraints())).orElse("-"),
                h.map(x -> Long.toString(x.counts().indexes())).orElse("-"),
                e.problem().map(p -> "UNREADABLE: " + Printable.escape(p)).orElseGet(() -> h.map(x -> x.historyHead()
                        .map(Object::toString).map(Printable::escape).orElse("none")).orElse("-")));
    }

    private static String kind(CatalogEntry e) {
        return e.kind() == CatalogEntry.Kind.ONLINE ? "online" : "offline";
    }

    /** One backup file in {@code list}'s and {@code prune}'s JSON; every text from the file is escaped. */
    static Map<String, Object> entry(CatalogEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", Printable.escape(e.file().toString()));
        m.put("name", Printable.escape(e.file().getFileName().toString()));
        m.put("kind", kind(e));
        m.put("time", e.time().map(Object::toString).orElse(null));
        m.put("sizeBytes", e.sizeBytes());
        m.put("header", e.header().map(BackupHeader::toPrintableMap).orElse(null));
        m.put("problem", e.problem().map(Printable::escape).orElse(null));
        return m;
    }

    /**
     * {@code backup prune}: each file deleted (or, in a dry run, that would be), then the counts; a warning for
     * each file left alone because it does not verify.
     */
    static Report pruned(PruneResult result, Path dir, int keep) {
        boolean dry = result.dryRun();
        Report.Builder report = Report.ok().field("directory", dir.toString()).field("dryRun", dry).field("keep", keep)
                .field("kept", result.kept().stream().map(BackupReports::entry).toList())
                .field("deleted", result.deleted().stream().map(BackupReports::entry).toList())
                .field("skipped", result.skipped().stream().map(BackupReports::entry).toList());
        result.skipped().forEach(e -> report.warning("left alone: " + Printable.escape(e.file().toString()) + ": "
                + Printable.escape(e.problem().orElse("not verified"))));
        result.deleted().forEach(e -> report.line((dry ? "would delete " : "deleted ")
                + Printable.escape(e.file().toString())));
        return report.line((dry ? "dry run: would keep " : "kept ") + result.kept().size() + ", "
                + (dry ? "would delete " : "deleted ") + result.deleted().size() + ", left alone "
                + result.skipped().size() + " (not verified) in " + dir).build();
    }

    /**
     * Why {@code backup prune} does not count a dump, from what Neo4j's admin tool read in it; empty when it reads
     * the dump. A dump or load result cannot come from describing a dump: a bug.
     */
    static Optional<String> dumpProblem(OfflineResult described) {
        if (described instanceof OfflineResult.Described) {
            return Optional.empty();
        }
        if (described instanceof OfflineResult.Failed f) {
            return Optional.of(f.reason());
        }
        if (described instanceof OfflineResult.NotFound n) {
            return Optional.of(n.reason());
        }
        if (described instanceof OfflineResult.Refused r) {
            return Optional.of(r.reason());
        }
        throw Unmapped.result(described);
    }
}
