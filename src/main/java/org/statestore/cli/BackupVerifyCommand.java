package org.statestore.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.backup.VerifyResult;
import org.statestore.backup.internal.BackupFormat;
import org.statestore.backup.internal.BackupReader;
import org.statestore.backup.internal.OfflineDump;
import org.statestore.backup.internal.OfflineResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code statestore backup verify}: checks a backup file without any database. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a .ssbak backup without connecting to anything: SHA-256 trailer, format, record "
                + "order, every name, value and constraint or index a restore would refuse, counts and content "
                + "digest against the header.",
                "For a Neo4j .dump, Neo4j's admin tool reads the dump's metadata (load --info)."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore backup verify backups/neo4j-20250101T020000Z.ssbak",
                "  statestore backup verify backups/neo4j-20250101T020000Z.dump --output json"})
final class BackupVerifyCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    Path file;

    BackupVerifyCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        try {
            return name.endsWith(BackupFormat.DUMP_EXTENSION) ? dump() : backup();
        } catch (UncheckedIOException e) {
            return BackupCommand.fail(console, this, ExitCode.INTERNAL, e.getMessage());
        }
    }

    private int backup() {
        VerifyResult result = new BackupReader().withProgress(console.progress()).verify(file);
        if (result instanceof VerifyResult.Missing) {
            return BackupCommand.fail(console, this, ExitCode.NOT_FOUND, "no backup file " + file);
        }
        if (result instanceof VerifyResult.Invalid i) {
            return BackupCommand.fail(console, this, ExitCode.VALIDATION, file + " is not a valid backup: " + i.reason());
        }
        VerifyResult.Valid v = (VerifyResult.Valid) result;
        if (output.json()) {
            Map<String, Object> f = BackupCommand.fields();
            f.put("file", v.file().toString());
            f.put("valid", true);
            f.put("sizeBytes", v.sizeBytes());
            f.put("sha256", v.sha256());
            f.put("header", v.header().toPrintableMap());
            JsonOutput.print(console.out(), BackupCommand.json(this, f));
        } else {
            console.out().println("ok: " + v.file() + " (" + BackupCommand.size(v.sizeBytes()) + "): "
                    + BackupCommand.describe(v.header()));
            console.out().flush();
        }
        return ExitCode.OK.code();
    }

    private int dump() {
        OfflineResult result = new OfflineDump(console::log, Clock.systemUTC()).describe(file);
        if (result instanceof OfflineResult.Described d) {
            if (output.json()) {
                Map<String, Object> f = BackupCommand.fields();
                f.put("file", d.file().toString());
                f.put("valid", true);
                f.put("sizeBytes", d.sizeBytes());
                f.put("neo4jInfo", d.info());
                JsonOutput.print(console.out(), BackupCommand.json(this, f));
            } else {
                console.out().println("ok: " + d.file() + " (" + BackupCommand.size(d.sizeBytes()) + "): Neo4j reads it: "
                        + d.info());
                console.out().flush();
            }
            return ExitCode.OK.code();
        }
        if (result instanceof OfflineResult.Failed f) {
            return BackupCommand.fail(console, this, ExitCode.VALIDATION, f.reason());
        }
        return BackupRestoreCommand.offlineFailure(console, this, result);
    }

    @Override
    public String commandName() {
        return "backup verify";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
