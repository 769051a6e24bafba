package org.statestore.migrate.internal;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.types.IsoDuration;
import org.statestore.history.HistoryEntry;
import org.statestore.history.RecordedRollback;
import org.statestore.history.internal.HistoryChain;
import org.statestore.history.internal.ImportedRun;
import org.statestore.history.internal.NewEntry;
import org.statestore.migrate.Neo4jMigrationsImport.AlreadyImported;
import org.statestore.migrate.Neo4jMigrationsImport.Imported;
import org.statestore.migrate.Neo4jMigrationsImport.NoPeerChain;
import org.statestore.migrate.Neo4jMigrationsImport.Options;
import org.statestore.migrate.Neo4jMigrationsImport.Outcome;
import org.statestore.migrate.Neo4jMigrationsImport.Refused;
import org.statestore.migrate.Neo4jMigrationsImport;
import org.statestore.migrate.Version;

/**
 * Copies the history neo4j-migrations keeps ({@code (:__Neo4jMigration)-[:MIGRATED_TO]->} from its
 * {@code BASELINE} node, installed time {@code at}, duration {@code in} and user {@code by} on each
 * relationship) into the chain as applied entries, so switching tools keeps every recorded run.
 *
 * <p>Only versioned runs of this database are copied (nodes without {@code migrationTarget}, or naming
 * it); the peer's repeatable runs are reported and left out. The copy and the optional removal of the
 * source nodes are one transaction; dropping the peer's lock and version constraints follows, because
 * schema commands cannot share it.
 *
 * <p>The values it takes and returns are {@link Neo4jMigrationsImport}'s.
 */
public final class Neo4jMigrationsImporter {

    private static final String READ = """
            MATCH (:__Neo4jMigration)-[r:MIGRATED_TO]->(m:__Neo4jMigration)
            WHERE m.migrationTarget IS NULL OR m.migrationTarget = $database
            RETURN m.version AS version, m.description AS description, m.type AS type, m.checksum AS checksum,
                   m.source AS source, coalesce(m.repeatable, false) AS repeatable,
                   r.at AS at, r.in AS in, r.by AS by, r.connectedAs AS connectedAs
            ORDER BY r.at""";

    private static final String REMOVE_SOURCE = """
            MATCH (m:__Neo4jMigration)
            WHERE m.migrationTarget IS NULL OR m.migrationTarget = $database
            DETACH DELETE m""";

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final String database;
    private final Consumer<String> log;

    public Neo4jMigrationsImporter(Driver driver, SessionConfig sessionConfig, String database, Consumer<String> log) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.database = database;
        this.log = log;
    }

    /** Imports into {@code chain}, which the caller has fenced with the migration lease. */
    public Outcome run(HistoryChain chain, Options options) {
        List<PeerRun> peer = readPeer();
        if (peer.isEmpty()) {
            return new NoPeerChain();
        }
        List<PeerRun> versioned = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (PeerRun r : peer) {
            if (r.repeatable()) {
                skipped.add(r.source() + " (repeatable)");
                continue;
            }
            try {
                Version.parse(r.version());
            } catch (IllegalArgumentException e) {
                return new Refused("neo4j-migrations unit " + r.source() + " has version '" + r.version()
                        + "', which is not a statestore version (digits separated by '_' or '.')");
            }
            versioned.add(r);
        }
        List<HistoryEntry> existing = chain.read();
        Set<Version> recorded = new HashSet<>();
        Set<Version> importedBefore = new HashSet<>();
        for (HistoryEntry e : existing) {
            if (Plan.isRepeatable(e)) {
                continue;
            }
            recorded.add(Version.parse(e.version()));
            if (e.importedFrom().filter(Neo4jMigrationsImport.TOOL::equals).isPresent()) {
                importedBefore.add(Version.parse(e.version()));
            }
        }
        List<String> clashes = versioned.stream().map(r -> Version.parse(r.version()))
                .filter(recorded::contains).map(Version::text).toList();
        if (!clashes.isEmpty() && clashes.size() == versioned.size()
                && versioned.stream().allMatch(r -> importedBefore.contains(Version.parse(r.version())))) {
            boolean removed = options.removeSource() && removeSource();
            return new AlreadyImported(versioned.size(), removed, dropConstraints(options));
        }
        if (!clashes.isEmpty()) {
            return new Refused("the statestore history already has entries for version(s) "
                    + String.join(", ", clashes) + "; import only into a database statestore has not migrated "
                    + "those versions in");
        }
        List<ImportedRun> runs = versioned.stream().map(this::toRun).toList();
        List<HistoryEntry> written = chain.importEntries(runs, Neo4jMigrationsImport.TOOL, tx -> {
            if (options.removeSource()) {
                tx.run(REMOVE_SOURCE, Map.of("database", database)).consume();
            }
        });
        log.accept("imported " + written.size() + " neo4j-migrations run(s) into the history chain");
        return new Imported(written, skipped, options.removeSource(), dropConstraints(options));
    }

    private ImportedRun toRun(PeerRun r) {
        String type = r.type().isEmpty() ? "CYPHER" : r.type();
        NewEntry entry = new NewEntry(Version.parse(r.version()).text(), r.description(), HistoryChain.IMPORTED_TYPE,
                Neo4jMigrationsImport.TOOL + ":" + r.checksum(), r.source(), r.installedBy(),
                new RecordedRollback(RecordedRollback.IRREVERSIBLE, "imported from " + Neo4jMigrationsImport.TOOL
                        + "; no rollback recorded", List.of(), "", "", ""), "imported");
        return new ImportedRun(entry, r.at(), r.in(), type);
    }

    private boolean removeSource() {
        try (Session s = driver.session(sessionConfig)) {
            s.executeWriteWithoutResult(tx -> tx.run(REMOVE_SOURCE, Map.of("database", database)).consume());
        }
        return true;
    }

    /** Drops the peer's own constraints by their fixed names; the units' constraints are untouched. */
    private List<String> dropConstraints(Options options) {
        if (!options.dropConstraints()) {
            return List.of();
        }
        List<String> dropped = new ArrayList<>();
        try (Session s = driver.session(sessionConfig)) {
            Set<String> present = new HashSet<>(s.run("SHOW CONSTRAINTS YIELD name RETURN name")
                    .list(r -> r.get("name").asString()));
            for (String name : Neo4jMigrationsImport.PEER_CONSTRAINTS) {
                if (present.contains(name)) {
                    // Constraint names cannot be parameters; these come from the fixed list above.
                    s.run("DROP CONSTRAINT `" + name + "` IF EXISTS").consume();
                    dropped.add(name);
                }
            }
        }
        dropped.forEach(n -> log.accept("dropped constraint " + n));
        return dropped;
    }

    private List<PeerRun> readPeer() {
        try (Session s = driver.session(sessionConfig)) {
            return s.executeRead(tx -> tx.run(READ, Map.of("database", database)).list(r -> {
                String by = r.get("by").asString("");
                String as = r.get("connectedAs").asString("");
                String who = as.isEmpty() || as.equals(by) ? by : by + "/" + as;
                IsoDuration in = r.get("in").isNull() ? null : r.get("in").asIsoDuration();
                Duration took = in == null ? Duration.ZERO : Duration.ofSeconds(in.seconds(), in.nanoseconds());
                return new PeerRun(r.get("version").asString(), r.get("description").asString(""),
                        r.get("type").asString(""), r.get("checksum").asString(""), r.get("source").asString(""),
                        r.get("repeatable").asBoolean(false), r.get("at").asZonedDateTime(), took, who);
            }));
        }
    }

    private record PeerRun(String version, String description, String type, String checksum, String source,
                           boolean repeatable, ZonedDateTime at, Duration in, String installedBy) {
    }
}
