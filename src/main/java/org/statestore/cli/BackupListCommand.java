package org.statestore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.backup.BackupHeader;
import org.statestore.backup.internal.BackupCatalog;
import org.statestore.backup.internal.BackupReader;
import org.statestore.backup.internal.CatalogEntry;
import org.statestore.text.internal.Printable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code statestore backup list}: the backups in a directory, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the backups in DIR, newest first: name, time, size, counts and history head (read from "
                + "each .ssbak header; .dump files show their name's time). Connects to nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore backup list", "  statestore backup list /var/backups/statestore --output json"})
final class BackupListCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Backup directory. Env: STATESTORE_BACKUP_DIR. Default: ./backups.")
    Path dir;

    BackupListCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        Path d = BackupCommand.directory(dir, console);
        if (!Files.isDirectory(d)) {
            return BackupCommand.fail(console, this, ExitCode.NOT_FOUND, "no backup directory " + d);
        }
        List<CatalogEntry> entries = new BackupCatalog(new BackupReader()).list(d);
        if (output.json()) {
            Map<String, Object> f = BackupCommand.fields();
            f.put("directory", d.toString());
            f.put("backups", entries.stream().map(BackupListCommand::json).toList());
            JsonOutput.print(console.out(), BackupCommand.json(this, f));
            return ExitCode.OK.code();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "KIND", "TIME", "SIZE", "NODES", "RELS", "CONSTRAINTS", "INDEXES", "HISTORY HEAD"});
        for (CatalogEntry e : entries) {
            BackupHeader h = e.header().orElse(null);
            rows.add(new String[] {
                Printable.escape(e.file().getFileName().toString()),
                e.kind() == CatalogEntry.Kind.ONLINE ? "online" : "offline",
                e.time().map(BackupCommand::when).orElse("-"),
                BackupCommand.size(e.sizeBytes()),
                h == null ? "-" : Long.toString(h.counts().nodes()),
                h == null ? "-" : Long.toString(h.counts().relationships()),
                h == null ? "-" : Long.toString(h.counts().constraints()),
                h == null ? "-" : Long.toString(h.counts().indexes()),
                e.problem().map(p -> "UNREADABLE: " + Printable.escape(p))
                        .orElse(h == null ? "-" : h.historyHead().map(Object::toString).map(Printable::escape)
                                .orElse("none")),
            });
        }
        printTable(console, rows);
        console.out().println(entries.size() + " backups in " + d);
        console.out().flush();
        return ExitCode.OK.code();
    }

    static Map<String, Object> json(CatalogEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", Printable.escape(e.file().toString()));
        m.put("name", Printable.escape(e.file().getFileName().toString()));
        m.put("kind", e.kind() == CatalogEntry.Kind.ONLINE ? "online" : "offline");
        m.put("time", e.time().map(Object::toString).orElse(null));
        m.put("sizeBytes", e.sizeBytes());
        m.put("header", e.header().map(BackupHeader::toPrintableMap).orElse(null));
        m.put("problem", e.problem().map(Printable::escape).orElse(null));
        return m;
    }

    static void printTable(Console console, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", r[i]));
                if (i < r.length - 1) {
                    line.append("  ");
                }
            }
            console.out().println(line.toString().stripTrailing());
        }
    }

    @Override
    public String commandName() {
        return "backup list";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
