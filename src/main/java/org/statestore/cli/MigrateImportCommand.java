package org.statestore.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.history.HistoryEntry;
import org.statestore.migrate.Neo4jMigrationsImport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate import --from neo4j-migrations}: adopts another tool's history. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Copy the history neo4j-migrations recorded ((:__Neo4jMigration)-[:MIGRATED_TO]->...) into "
                + "statestore's history chain as applied runs, under the migration lock. Their checksums are "
                + "neo4j-migrations' own and are never compared with local units.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate import --from neo4j-migrations",
                "  statestore migrate import --from neo4j-migrations --remove-source --drop-constraints",
                "  NEO4J_URL=bolt://db:7687 statestore migrate import --from neo4j-migrations --output json"})
final class MigrateImportCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    LockOptions lock;

    @Option(names = "--from", paramLabel = "TOOL", required = true,
            description = "The tool whose history to import; only neo4j-migrations is known.")
    String from;

    @Option(names = "--remove-source", description = "Delete the :__Neo4jMigration nodes once copied (same transaction).")
    boolean removeSource;

    @Option(names = "--drop-constraints", description = "Drop neo4j-migrations' own lock and version constraints "
            + "(__Neo4jMigrationsLock__has_unique_id, __Neo4jMigrationsLock__has_unique_name, "
            + "unique_version___Neo4jMigration); the units' constraints stay.")
    boolean dropConstraints;

    MigrateImportCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (!Neo4jMigrationsImport.TOOL.equals(from)) {
            throw new UsageException("--from: unknown tool '" + from + "'; known: " + Neo4jMigrationsImport.TOOL);
        }
        StatestoreConfig config = StatestoreConfig.builder().bundledUnits(false)
                .connection(connection.settings(console)).lease(lock.settings()).log(console::log).build();
        Neo4jMigrationsImport.Outcome outcome;
        try (Statestore store = Statestore.open(config)) {
            outcome = store.importFromNeo4jMigrations(new Neo4jMigrationsImport.Options(removeSource, dropConstraints));
        }
        ExitCode code = ExitCode.OK;
        String error = null;
        List<String> lines = new ArrayList<>();
        Map<String, Object> doc = new LinkedHashMap<>();
        if (outcome instanceof Neo4jMigrationsImport.Imported i) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (HistoryEntry e : i.entries()) {
                lines.add("imported " + e.version() + " " + e.description() + " (installed "
                        + e.installedOn().toInstant() + " by " + e.installedBy() + ")");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("version", e.version());
                m.put("description", e.description());
                m.put("source", e.source());
                m.put("installedOn", e.installedOn().toInstant().toString());
                m.put("installedBy", e.installedBy());
                rows.add(m);
            }
            i.skipped().forEach(s -> lines.add("not imported: " + s));
            doc.put("imported", rows);
            doc.put("skipped", i.skipped());
            doc.put("removedSource", i.removedSource());
            doc.put("droppedConstraints", i.droppedConstraints());
            lines.add(i.removedSource() ? "removed the neo4j-migrations nodes" : "left the neo4j-migrations nodes in place");
            i.droppedConstraints().forEach(c -> lines.add("dropped constraint " + c));
        } else if (outcome instanceof Neo4jMigrationsImport.AlreadyImported a) {
            lines.add("nothing to import: all " + a.entries() + " neo4j-migrations runs were imported before");
            a.droppedConstraints().forEach(c -> lines.add("dropped constraint " + c));
            doc.put("imported", List.of());
            doc.put("removedSource", a.removedSource());
            doc.put("droppedConstraints", a.droppedConstraints());
        } else if (outcome instanceof Neo4jMigrationsImport.NoPeerChain) {
            code = ExitCode.NOT_FOUND;
            error = "the database has no neo4j-migrations history (no :__Neo4jMigration chain); nothing to import";
        } else {
            code = ExitCode.REFUSED;
            error = ((Neo4jMigrationsImport.Refused) outcome).reason();
        }
        if (output.json()) {
            Map<String, Object> envelope = JsonOutput.envelope(commandName(), code, error);
            envelope.putAll(doc);
            JsonOutput.print(console.out(), envelope);
        } else {
            lines.forEach(console.out()::println);
            console.out().flush();
        }
        if (error != null) {
            console.error(error);
        }
        return code.code();
    }

    @Override
    public String commandName() {
        return "migrate import";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
