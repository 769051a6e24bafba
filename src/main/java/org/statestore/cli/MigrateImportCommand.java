package org.statestore.cli;

import java.util.Optional;

import org.statestore.Statestore;
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
final class MigrateImportCommand extends MigrationCommand {

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
        super(console);
    }

    @Override
    Optional<LockOptions> lock() {
        return Optional.of(lock);
    }

    @Override
    void prepare() {
        if (!Neo4jMigrationsImport.TOOL.equals(from)) {
            throw new UsageException("--from: unknown tool '" + from + "'; known: " + Neo4jMigrationsImport.TOOL);
        }
    }

    @Override
    Report report(Statestore store) {
        return MigrateReports.neo4jImport(store.importFromNeo4jMigrations(
                new Neo4jMigrationsImport.Options(removeSource, dropConstraints)));
    }
}
