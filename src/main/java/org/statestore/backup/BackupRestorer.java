package org.statestore.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.statestore.neo4j.Neo4jTarget;

/**
 * Restores a verified {@code .ssbak} file into an empty database: nodes and relationships in batched
 * transactions, then constraints and indexes (from their create statements), then a read-back that must
 * reproduce the header's counts and content digest.
 *
 * <p>New node ids are kept in two memory-mapped id maps (backup id to new id, and back) outside the heap,
 * so relationships are attached by id lookups and nothing temporary is ever written into the graph.
 * A marker node ({@code :__StatestoreRestoreInProgress}) exists while data is being written, so an
 * interrupted restore is recognisable.
 */
public final class BackupRestorer {

    /** Label of the marker node that exists only while a restore writes. */
    public static final String MARKER_LABEL = "__StatestoreRestoreInProgress";

    static final int BATCH = 5_000;
    private static final long PROGRESS_EVERY = 250_000;

    private static final String COUNT_NODES = "MATCH (n) RETURN count(n) AS c";
    private static final String COUNT_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN count(*) AS c";
    private static final String COUNT_INDEXES = """
            SHOW INDEXES YIELD type, owningConstraint
            WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN count(*) AS c""";
    private static final String FIND_MARKER = "MATCH (m:" + MARKER_LABEL + ") RETURN count(m) AS c";
    private static final String CREATE_MARKER = "CREATE (m:" + MARKER_LABEL
            + " {file: $file, started: datetime.realtime()})";
    private static final String DELETE_MARKER = "MATCH (m:" + MARKER_LABEL + ") DELETE m";
    private static final String WIPE = "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS";
    private static final String CONSTRAINT_NAMES = "SHOW CONSTRAINTS YIELD name RETURN name";
    private static final String INDEX_NAMES = """
            SHOW INDEXES YIELD name, type, owningConstraint
            WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN name""";
    private static final String ALL_INDEX_NAMES = "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name";
    // The read-back sees what the writer saw: lease nodes are not content (BackupWriter.LEASE_LABEL), so one
    // created meanwhile (say by a `backup create` against this database) is neither compared nor a stranger.
    private static final String READ_NODES = "MATCH (n) WHERE " + BackupWriter.CONTENT_NODE
            + " RETURN id(n) AS id, labels(n) AS labels, properties(n) AS props";
    private static final String READ_RELATIONSHIPS = "MATCH (a)-[r]->(b) WHERE " + BackupWriter.CONTENT_RELATIONSHIP
            + " RETURN id(a) AS start, id(b) AS end, type(r) AS type, properties(r) AS props";

    private final Driver driver;
    private final String database;
    private final Consumer<String> progress;

    public BackupRestorer(Driver driver, String database, Consumer<String> progress) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.database = Objects.requireNonNull(database, "database");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public static BackupRestorer forTarget(Neo4jTarget target, Consumer<String> progress) {
        return new BackupRestorer(target.driver(), target.database(), progress);
    }

    /**
     * What the target holds now. Every node counts, lease nodes too: "empty" stays the plain fact
     * {@code MATCH (n)} finds nothing, and a lease node means statestore has migrated this database, or is
     * migrating it right now; either way it is not an empty target, and {@code --replace} deletes it.
     */
    public TargetState inspect() {
        try (Session s = session(AccessMode.READ)) {
            return new TargetState(count(s, COUNT_NODES), count(s, COUNT_CONSTRAINTS), count(s, COUNT_INDEXES),
                    count(s, FIND_MARKER) > 0);
        }
    }

    /**
     * Restores {@code backup}. Without {@code replace} the target must be empty; with it, everything in the
     * target (data, constraints, indexes) is deleted first. {@code guard} is held throughout.
     *
     * <p>The CLI passes {@link DumpGuard#NONE}: a restore needs no migration lease. Without {@code replace}
     * the target is empty, so it has no lease node, and any statestore writer that starts meanwhile writes
     * nodes the read-back reports as strangers; with {@code replace} the wipe deletes the lease nodes
     * themselves, so a lease held across it would be gone, and a migration that held one fails its next
     * fenced write instead of writing on.
     */
    @SuppressWarnings("try") // the guard is held for the block, not used in it
    public RestoreResult restore(VerifyResult.Valid backup, boolean replace, DumpGuard guard) {
        long t0 = System.nanoTime();
        try (DumpGuard.Held held = guard.hold()) {
            TargetState state = inspect();
            if (!state.isEmpty()) {
                if (!replace) {
                    return new RestoreResult.Refused(refusal(state));
                }
                progress.accept("restore: deleting everything in " + database + " (" + state + ") as --replace asks");
                wipe();
            }
            BackupHeader header = backup.header();
            progress.accept("restore: " + backup.file() + " (" + header.counts() + ") into " + database);
            try (MappedLongArray toNew = MappedLongArray.create(null, "restore-new-ids");
                 MappedLongArray toBackup = MappedLongArray.create(null, "restore-backup-ids")) {
                try (Session s = session(AccessMode.WRITE)) {
                    s.executeWriteWithoutResult(tx -> tx.run(CREATE_MARKER,
                            Map.of("file", backup.file().getFileName().toString())).consume());
                }
                Loader loader = new Loader(toNew, toBackup);
                long tData = System.nanoTime();
                VerifyResult second = loader.load(backup.file());
                progress.accept("restore: wrote " + loader.nodesWritten + " nodes and " + loader.relsWritten
                        + " relationships in " + millis(tData) + " ms");
                if (!(second instanceof VerifyResult.Valid)) {
                    return new RestoreResult.Mismatch("the file changed after it was verified ("
                            + reason(second) + "); the database holds a partial restore: restore again with "
                            + "--replace --yes");
                }
                long tSchema = System.nanoTime();
                String schemaFailure = createSchema(loader.schema);
                if (schemaFailure != null) {
                    return new RestoreResult.Mismatch(schemaFailure);
                }
                if (!loader.schema.isEmpty()) {
                    progress.accept("restore: constraints and indexes online in " + millis(tSchema) + " ms");
                }
                try (Session s = session(AccessMode.WRITE)) {
                    s.executeWriteWithoutResult(tx -> tx.run(DELETE_MARKER).consume());
                }
                long tRead = System.nanoTime();
                String mismatch = readBack(header, loader.schema, toBackup);
                progress.accept("restore: read back in " + millis(tRead) + " ms");
                if (mismatch != null) {
                    return new RestoreResult.Mismatch(mismatch);
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            progress.accept("restore: done, " + header.counts() + " verified in " + elapsed.toMillis() + " ms");
            return new RestoreResult.Restored(backup.file(), header, elapsed);
        }
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private String refusal(TargetState state) {
        return "database " + database + " is not empty (" + state + ")"
                + (state.unfinishedRestore() ? ", and an earlier restore did not finish" : "")
                + ": restore only writes into an empty database; add --replace --yes to delete everything in it first";
    }

    private static String reason(VerifyResult r) {
        if (r instanceof VerifyResult.Invalid i) {
            return i.reason();
        }
        return "the file is gone";
    }

    private void wipe() {
        try (Session s = session(AccessMode.WRITE)) {
            s.run(WIPE).consume();
            for (Record c : s.run(CONSTRAINT_NAMES).list()) {
                s.run("DROP CONSTRAINT " + quote(c.get("name").asString())).consume();
            }
            for (Record i : s.run(ALL_INDEX_NAMES).list()) {
                s.run("DROP INDEX " + quote(i.get("name").asString())).consume();
            }
        }
    }

    /** Creates the constraints and indexes; returns why one could not be created, or null. */
    private String createSchema(List<SchemaDefinition> schema) {
        if (schema.isEmpty()) {
            return null;
        }
        progress.accept("restore: creating " + schema.size() + " constraints and indexes");
        try (Session s = session(AccessMode.WRITE)) {
            for (SchemaDefinition d : schema) {
                try {
                    s.run(d.createStatement()).consume();
                } catch (ClientException e) {
                    // e.g. an index type the target server does not support: the data is in, the schema is not.
                    return d.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + d.name() + " could not be "
                            + "created (" + BackupReader.firstLine(e) + "); the data is restored without the rest of "
                            + "the schema and the restore marker is left: fix the target and restore again with "
                            + "--replace --yes";
                }
            }
            s.run("CALL db.awaitIndexes(86400)").consume();
        }
        return null;
    }

    /** Reads the database back and compares it with the header; null when everything matches. */
    private String readBack(BackupHeader header, List<SchemaDefinition> schema, MappedLongArray toBackup) {
        progress.accept("restore: reading back to verify");
        ContentDigest digest = new ContentDigest();
        long strangers = 0;
        Set<String> constraints = new TreeSet<>();
        Set<String> indexes = new TreeSet<>();
        try (Session s = session(AccessMode.READ); Transaction tx = s.beginTransaction()) {
            Result nodes = tx.run(READ_NODES);
            while (nodes.hasNext()) {
                Record r = nodes.next();
                long backupId = toBackup.get(r.get(0).asLong()) - 1;
                if (backupId < 0) {
                    strangers++;
                    continue;
                }
                digest.addNode(backupId, r.get(1).asList(Value::asString), PropertyCodec.fromDriver(r.get(2)));
            }
            Result rels = tx.run(READ_RELATIONSHIPS);
            while (rels.hasNext()) {
                Record r = rels.next();
                long start = toBackup.get(r.get(0).asLong()) - 1;
                long end = toBackup.get(r.get(1).asLong()) - 1;
                digest.addRelationship(start, end, r.get(2).asString(), PropertyCodec.fromDriver(r.get(3)));
            }
            tx.run(CONSTRAINT_NAMES).list().forEach(r -> constraints.add(r.get(0).asString()));
            tx.run(INDEX_NAMES).list().forEach(r -> indexes.add(r.get(0).asString()));
        }
        if (strangers > 0) {
            return strangers + " nodes in the database did not come from the backup (written by someone else "
                    + "during the restore?)";
        }
        BackupCounts found = new BackupCounts(digest.nodes(), digest.relationships(), constraints.size(),
                indexes.size());
        if (!found.equals(header.counts())) {
            return "after the restore the database holds " + found + ", the backup " + header.counts();
        }
        Set<String> expected = new HashSet<>();
        Set<String> present = new HashSet<>(constraints);
        present.addAll(indexes);
        schema.forEach(d -> expected.add(d.name()));
        if (!present.equals(expected)) {
            return "after the restore the constraints and indexes are " + new TreeSet<>(present) + ", the backup has "
                    + new TreeSet<>(expected);
        }
        if (!digest.value().equals(header.contentDigest())) {
            return "after the restore the content digest is " + digest.value() + ", the backup's "
                    + header.contentDigest();
        }
        return null;
    }

    /** Backtick-quotes a label, relationship type or schema name for Cypher, doubling backticks inside. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private Session session(AccessMode mode) {
        return driver.session(SessionConfig.builder().withDatabase(database).withDefaultAccessMode(mode)
                .withFetchSize(BATCH).build());
    }

    private static long count(Session s, String query) {
        return s.run(query).single().get("c").asLong();
    }

    /**
     * The write pass. This thread parses the file into batches of records; a writer thread writes each
     * batch while the next is parsed, so parsing overlaps the server's work. Memory holds a few batches.
     */
    private final class Loader {
        final List<SchemaDefinition> schema = new ArrayList<>();
        private final MappedLongArray toNew;
        private final MappedLongArray toBackup;
        private List<BackupRecord.NodeRecord> nodes = new ArrayList<>(BATCH);
        private List<BackupRecord.RelationshipRecord> rels = new ArrayList<>(BATCH);
        private BackgroundConsumer<List<?>> writer;
        private long nodesWritten;
        private long relsWritten;

        Loader(MappedLongArray toNew, MappedLongArray toBackup) {
            this.toNew = toNew;
            this.toBackup = toBackup;
        }

        /** Reads {@code file} and writes its records; returns the reader's verdict on the file. */
        VerifyResult load(Path file) {
            try (BackgroundConsumer<List<?>> w = new BackgroundConsumer<>("statestore-restore-writer", 2,
                    this::write)) {
                writer = w;
                VerifyResult verdict = new BackupReader().scan(file, this::accept);
                w.finish();
                return verdict;
            }
        }

        /** Groups records into batches of one kind and hands each full batch to the writer. */
        private void accept(BackupRecord r) {
            if (r instanceof SchemaDefinition d) {
                schema.add(d);
            } else if (r instanceof BackupRecord.NodeRecord n) {
                nodes.add(n);
                if (nodes.size() == BATCH) {
                    nodes = hand(nodes);
                }
            } else if (r instanceof BackupRecord.RelationshipRecord rel) {
                nodes = hand(nodes);
                rels.add(rel);
                if (rels.size() == BATCH) {
                    rels = hand(rels);
                }
            } else {
                nodes = hand(nodes);
                rels = hand(rels);
            }
        }

        private <T> List<T> hand(List<T> batch) {
            if (batch.isEmpty()) {
                return batch;
            }
            writer.put(batch);
            return new ArrayList<>(BATCH);
        }

        @SuppressWarnings("unchecked")
        private void write(List<?> batch) {
            if (batch.get(0) instanceof BackupRecord.NodeRecord) {
                writeNodes((List<BackupRecord.NodeRecord>) batch);
            } else {
                writeRelationships((List<BackupRecord.RelationshipRecord>) batch);
            }
        }

        private void writeNodes(List<BackupRecord.NodeRecord> batch) {
            // Labels cannot be parameters: one statement per label set, each label quoted.
            Map<List<String>, List<Map<String, Object>>> byLabels = new LinkedHashMap<>();
            for (BackupRecord.NodeRecord n : batch) {
                byLabels.computeIfAbsent(n.labels(), k -> new ArrayList<>())
                        .add(Map.of("i", n.id(), "p", n.properties()));
            }
            int size = batch.size();
            long[] pairs;
            try (Session s = session(AccessMode.WRITE)) {
                pairs = s.executeWrite(tx -> {
                    long[] out = new long[size * 2];
                    int k = 0;
                    for (Map.Entry<List<String>, List<Map<String, Object>>> e : byLabels.entrySet()) {
                        StringBuilder q = new StringBuilder("UNWIND $rows AS row CREATE (n");
                        for (String label : e.getKey()) {
                            q.append(':').append(quote(label));
                        }
                        q.append(") SET n = row.p RETURN row.i AS i, id(n) AS id");
                        Result result = tx.run(q.toString(), Map.of("rows", e.getValue()));
                        while (result.hasNext()) {
                            Record rec = result.next();
                            out[k++] = rec.get(0).asLong();
                            out[k++] = rec.get(1).asLong();
                        }
                    }
                    if (k != out.length) {
                        throw new IllegalStateException("created " + k / 2 + " of " + size + " nodes");
                    }
                    return out;
                });
            }
            for (int k = 0; k < pairs.length; k += 2) {
                toNew.set(pairs[k], pairs[k + 1] + 1);
                toBackup.set(pairs[k + 1], pairs[k] + 1);
            }
            long before = nodesWritten;
            nodesWritten += size;
            if (nodesWritten / PROGRESS_EVERY != before / PROGRESS_EVERY) {
                progress.accept("restore: " + nodesWritten + " nodes");
            }
        }

        private void writeRelationships(List<BackupRecord.RelationshipRecord> batch) {
            Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
            for (BackupRecord.RelationshipRecord r : batch) {
                byType.computeIfAbsent(r.type(), k -> new ArrayList<>())
                        .add(Map.of("s", toNew.get(r.start()) - 1, "e", toNew.get(r.end()) - 1, "p", r.properties()));
            }
            int size = batch.size();
            try (Session s = session(AccessMode.WRITE)) {
                s.executeWriteWithoutResult(tx -> {
                    int created = 0;
                    for (Map.Entry<String, List<Map<String, Object>>> e : byType.entrySet()) {
                        String q = "UNWIND $rows AS row MATCH (a) WHERE id(a) = row.s MATCH (b) WHERE id(b) = row.e "
                                + "CREATE (a)-[r:" + quote(e.getKey()) + "]->(b) SET r = row.p";
                        created += tx.run(q, Map.of("rows", e.getValue())).consume().counters().relationshipsCreated();
                    }
                    if (created != size) {
                        throw new IllegalStateException("created " + created + " of " + size + " relationships");
                    }
                });
            }
            long before = relsWritten;
            relsWritten += size;
            if (relsWritten / PROGRESS_EVERY != before / PROGRESS_EVERY) {
                progress.accept("restore: " + relsWritten + " relationships");
            }
        }
    }
}
