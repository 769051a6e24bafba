package org.statestore.backup.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.neo4j.driver.exceptions.DatabaseException;
import org.statestore.backup.BackupCounts;
import org.statestore.backup.BackupHeader;
import org.statestore.backup.Backups;
import org.statestore.backup.DumpGuard;
import org.statestore.backup.RestoreResult;
import org.statestore.backup.VerifyResult;
import org.statestore.progress.ProgressSink;
import org.statestore.text.internal.Printable;

/**
 * Restores a verified {@code .ssbak} file into an empty database: nodes and relationships in batched
 * transactions, then constraints and indexes, then a read-back that must reproduce the header's counts,
 * content digest and schema.
 *
 * <p>No text from the file is run. Labels and relationship types are parameters (Neo4j 5.26+ dynamic
 * labels and types; older servers get quoted names and refuse names with backticks before anything is
 * written), properties are parameters, and constraints and indexes are rebuilt from the structured fields
 * {@link SchemaShape} parsed from the file, with their names and options as parameters.
 *
 * <p>New node ids are kept in two id maps (backup id to new id, and back) in memory-mapped files of a
 * private {@link ScratchSpace}, so relationships are attached by id lookups and nothing temporary is
 * written into the graph. A marker node ({@code :__StatestoreRestoreInProgress}) exists while data is
 * being written, so an interrupted restore is recognisable.
 */
public final class BackupRestorer {

    /** Label of the marker node that exists only while a restore writes. */
    public static final String MARKER_LABEL = "__StatestoreRestoreInProgress";

    static final int BATCH = 5_000;
    /** A batch is also handed over once its records weigh this much (see {@link GraphRules}), so big records stay few per batch. */
    static final long BATCH_WEIGHT = 16L * 1024 * 1024;

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
    private static final String ALL_INDEX_NAMES = "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name";
    private static final String CONSTRAINT_SHAPES = """
            SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties
            RETURN name, type, entityType, labelsOrTypes, properties""";
    private static final String INDEX_SHAPES = """
            SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint
            WHERE type <> 'LOOKUP' AND owningConstraint IS NULL
            RETURN name, type, entityType, labelsOrTypes, properties""";
    private static final String SERVER_VERSION = """
            CALL dbms.components() YIELD name, versions WHERE name = 'Neo4j Kernel' RETURN versions[0] AS v""";
    // The read-back sees what the writer saw: lease nodes are not content (BackupWriter.LEASE_LABEL), so one
    // created meanwhile (say by a `backup create` against this database) is neither compared nor a stranger.
    private static final String READ_NODES = "MATCH (n) WHERE " + BackupWriter.CONTENT_NODE
            + " RETURN id(n) AS id, labels(n) AS labels, properties(n) AS props";
    private static final String READ_RELATIONSHIPS = "MATCH (a)-[r]->(b) WHERE " + BackupWriter.CONTENT_RELATIONSHIP
            + " RETURN id(a) AS start, id(b) AS end, type(r) AS type, properties(r) AS props";

    private final Driver driver;
    private final String database;
    private final Optional<String> serverVersion;
    private final Consumer<String> progress;
    private final Path scratchBase;
    private final ProgressSink counts;

    /** A restorer that asks the server for its version when it restores. */
    public BackupRestorer(Driver driver, String database, Consumer<String> progress) {
        this(driver, database, Optional.empty(), progress, ScratchSpace.defaultBase());
    }

    /**
     * @param serverVersion the target's Neo4j version (it decides how labels and types are passed); empty
     *                      to ask the server
     * @param scratchBase   where the private temporary directory for the id maps is created
     */
    public BackupRestorer(Driver driver, String database, Optional<String> serverVersion, Consumer<String> progress,
                          Path scratchBase) {
        this(driver, database, serverVersion, progress, scratchBase, ProgressSink.NONE);
    }

    /** @param counts where the write pass and the read-back report records done, out of the header's counts */
    public BackupRestorer(Driver driver, String database, Optional<String> serverVersion, Consumer<String> progress,
                          Path scratchBase, ProgressSink counts) {
        this.counts = Objects.requireNonNull(counts, "counts");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.database = Objects.requireNonNull(database, "database");
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.scratchBase = Objects.requireNonNull(scratchBase, "scratchBase");
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
     * target (data, constraints, indexes) is deleted first, but only once the file has been checked in
     * full: {@code backup} is a verified file, and it must still be that file (same size and checksum).
     * {@code guard} is held throughout.
     *
     * <p>{@link Backups#restore} passes {@link DumpGuard#NONE}: a restore needs no migration lease. Without
     * {@code replace} the target is empty, so it has no lease node, and any statestore writer that starts
     * meanwhile writes nodes the read-back reports as strangers; with {@code replace} the wipe deletes the lease nodes
     * themselves, so a lease held across it would be gone, and a migration that held one fails its next
     * fenced write instead of writing on.
     */
    @SuppressWarnings("try") // the guard is held for the block, not used in it
    public RestoreResult restore(VerifyResult.Valid backup, boolean replace, DumpGuard guard) {
        long t0 = System.nanoTime();
        try (DumpGuard.Held held = guard.hold()) {
            CypherDialect dialect = CypherDialect.forVersion(serverVersion.orElseGet(this::askVersion));
            GraphWrites writes = new GraphWrites(dialect);
            TargetState state = inspect();
            if (!state.isEmpty() && !replace) {
                return new RestoreResult.Refused(refusal(state));
            }
            if (dialect == CypherDialect.QUOTED) {
                String problem = unquotableName(backup);
                if (problem != null) {
                    return new RestoreResult.Refused(problem + "; nothing was written");
                }
            }
            if (!state.isEmpty()) {
                // Nothing is deleted unless the file is, byte for byte, the one checked in full.
                String verified = backup.sha256().isEmpty()
                        && new BackupReader(scratchBase, counts).verify(backup.file()) instanceof VerifyResult.Valid v
                        ? v.sha256() : backup.sha256();
                Optional<String> now = BackupReader.currentChecksum(backup.file(), backup.sizeBytes());
                if (verified.isEmpty() || now.isEmpty() || !now.get().equals(verified)) {
                    return new RestoreResult.Mismatch("the file is not the one that was verified (it changed or was "
                            + "replaced); nothing was deleted or written: verify and restore again");
                }
                String problem = wipe(writes, dialect);
                if (problem != null) {
                    return new RestoreResult.Refused(problem);
                }
            }
            BackupHeader header = backup.header();
            progress.accept("restore: " + backup.file() + " (" + header.counts() + ") into " + database);
            try (ScratchSpace scratch = ScratchSpace.open(scratchBase);
                 NodeIdMap toNew = new NodeIdMap(scratch, "restore-new-ids");
                 NodeIdMap toBackup = new NodeIdMap(scratch, "restore-backup-ids")) {
                try (Session s = session(AccessMode.WRITE)) {
                    s.executeWriteWithoutResult(tx -> tx.run(CREATE_MARKER,
                            Map.of("file", backup.file().getFileName().toString())).consume());
                }
                Loader loader = new Loader(writes, toNew, toBackup);
                long tData = System.nanoTime();
                counts.start("restore " + database, header.counts().nodes() + header.counts().relationships());
                VerifyResult second = loader.load(new BackupReader(scratchBase), backup.file());
                counts.done();
                progress.accept("restore: wrote " + loader.nodesWritten + " nodes and " + loader.relsWritten
                        + " relationships in " + millis(tData) + " ms");
                if (!(second instanceof VerifyResult.Valid)) {
                    return new RestoreResult.Mismatch("the file changed after it was verified ("
                            + reason(second) + "); the database holds a partial restore: restore again with "
                            + "--replace --yes");
                }
                long tSchema = System.nanoTime();
                String schemaFailure = createSchema(loader.schema, dialect);
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
            } catch (ClientException | DatabaseException e) {
                // Everything the reader accepts, Neo4j stores; this is a server that refuses more (say a
                // time zone it does not know): one line, and the marker stays.
                return new RestoreResult.Mismatch("the database refused the data (" + BackupReader.detail(e)
                        + "); the database holds a partial restore: fix the target and restore again with "
                        + "--replace --yes");
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            progress.accept("restore: done, " + header.counts() + " verified in " + elapsed.toMillis() + " ms");
            return new RestoreResult.Restored(backup.file(), header, elapsed);
        }
    }

    private String askVersion() {
        try (Session s = session(AccessMode.READ)) {
            return s.run(SERVER_VERSION).list().stream().findFirst().map(r -> r.get("v").asString("")).orElse("");
        }
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private String refusal(TargetState state) {
        return notEmpty(state) + ": restore only writes into an empty database; add --replace --yes to delete "
                + "everything in it first";
    }

    /** What the target holds when {@code state} is not empty, for a refusal: counts, and an unfinished restore. */
    public String notEmpty(TargetState state) {
        return "database " + database + " is not empty (" + state + ")"
                + (state.unfinishedRestore() ? ", and an earlier restore did not finish" : "");
    }

    private static String reason(VerifyResult r) {
        if (r instanceof VerifyResult.Invalid i) {
            return i.reason();
        }
        return "the file is gone";
    }

    /**
     * For a server older than 5.26, which gets quoted names: the first name in the file it cannot take, or
     * null. A pass over the file before anything is deleted or written.
     */
    private String unquotableName(VerifyResult.Valid backup) {
        String[] problem = {null};
        VerifyResult r = new BackupReader(scratchBase).scan(backup.file(), record -> {
            // Property keys of data are map keys of a parameter; only these names are spliced into text.
            List<String> names = List.of();
            if (record instanceof BackupRecord.NodeRecord n) {
                names = n.labels();
            } else if (record instanceof BackupRecord.RelationshipRecord rel) {
                names = List.of(rel.type());
            } else if (record instanceof SchemaDefinition d) {
                names = SchemaShape.parse(d).names();
            }
            for (String name : names) {
                String p = CypherDialect.QUOTED.nameProblem(name);
                if (p != null && problem[0] == null) {
                    problem[0] = "the name " + Printable.quote(name) + " in the backup " + p;
                }
            }
        });
        if (!(r instanceof VerifyResult.Valid)) {
            return "the file changed after it was verified (" + reason(r) + ")";
        }
        return problem[0];
    }

    /** Deletes everything in the target; returns why it cannot (before deleting anything), or null. */
    private String wipe(GraphWrites writes, CypherDialect dialect) {
        progress.accept("restore: deleting everything in " + database + " as --replace asks");
        try (Session s = session(AccessMode.WRITE)) {
            List<String> constraints = s.run(CONSTRAINT_NAMES).list(r -> r.get("name").asString());
            List<String> indexes = s.run(ALL_INDEX_NAMES).list(r -> r.get("name").asString());
            for (String name : concat(constraints, indexes)) {
                String p = dialect.nameProblem(name);
                if (p != null) {
                    return "the target's constraint or index " + Printable.quote(name) + " " + p
                            + "; drop it by hand first; nothing was deleted";
                }
            }
            s.run(WIPE).consume();
            for (String name : constraints) {
                run(s, writes.drop(SchemaDefinition.Kind.CONSTRAINT, name));
            }
            // Dropping a constraint drops its index; what is left are the stand-alone ones.
            for (String name : s.run(ALL_INDEX_NAMES).list(r -> r.get("name").asString())) {
                run(s, writes.drop(SchemaDefinition.Kind.INDEX, name));
            }
        }
        return null;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void run(Session s, CypherStatement st) {
        s.run(st.text(), st.parameters()).consume();
    }

    /** Creates the constraints and indexes from their parsed fields; returns why one could not be created, or null. */
    private String createSchema(List<SchemaShape> schema, CypherDialect dialect) {
        if (schema.isEmpty()) {
            return null;
        }
        progress.accept("restore: creating " + schema.size() + " constraints and indexes");
        try (Session s = session(AccessMode.WRITE)) {
            for (SchemaShape d : schema) {
                try {
                    run(s, d.statement(dialect));
                } catch (ClientException | DatabaseException e) {
                    // e.g. an index type the target server does not support: the data is in, the schema is not.
                    return d.kind().name().toLowerCase(Locale.ROOT) + " " + Printable.escape(d.name())
                            + " could not be created (" + BackupReader.detail(e) + "); the data is restored without the "
                            + "rest of the schema and the restore marker is left: fix the target and restore again with "
                            + "--replace --yes";
                }
            }
            s.run("CALL db.awaitIndexes(86400)").consume();
        }
        return null;
    }

    /** Reads the database back and compares it with the header and schema; null when everything matches. */
    private String readBack(BackupHeader header, List<SchemaShape> schema, NodeIdMap toBackup) {
        progress.accept("restore: reading back to verify");
        ContentDigest digest = new ContentDigest();
        long strangers = 0;
        Set<String> constraints = new TreeSet<>();
        Set<String> indexes = new TreeSet<>();
        counts.start("read back " + database, header.counts().nodes() + header.counts().relationships());
        long pending = 0;
        try (Session s = session(AccessMode.READ); Transaction tx = s.beginTransaction()) {
            Result nodes = tx.run(READ_NODES);
            while (nodes.hasNext()) {
                Record r = nodes.next();
                if (++pending == BATCH) {
                    counts.advance(pending);
                    pending = 0;
                }
                long backupId = toBackup.get(r.get(0).asLong());
                if (backupId == NodeIdMap.ABSENT) {
                    strangers++;
                    continue;
                }
                digest.addNode(backupId, r.get(1).asList(Value::asString), PropertyCodec.fromDriver(r.get(2)));
            }
            Result rels = tx.run(READ_RELATIONSHIPS);
            while (rels.hasNext()) {
                Record r = rels.next();
                if (++pending == BATCH) {
                    counts.advance(pending);
                    pending = 0;
                }
                long start = toBackup.get(r.get(0).asLong());
                long end = toBackup.get(r.get(1).asLong());
                digest.addRelationship(start, end, r.get(2).asString(), PropertyCodec.fromDriver(r.get(3)));
            }
            counts.advance(pending);
            counts.done();
            tx.run(CONSTRAINT_SHAPES).list().forEach(r -> constraints.add(signature(r)));
            tx.run(INDEX_SHAPES).list().forEach(r -> indexes.add(signature(r)));
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
        Set<String> expected = new TreeSet<>();
        schema.forEach(d -> expected.add(d.signature()));
        Set<String> present = new TreeSet<>(constraints);
        present.addAll(indexes);
        if (!present.equals(expected)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(present);
            Set<String> extra = new TreeSet<>(present);
            extra.removeAll(expected);
            return "after the restore the constraints and indexes differ from the backup's (missing "
                    + Printable.escape(missing.toString()) + ", unexpected " + Printable.escape(extra.toString()) + ")";
        }
        if (!digest.value().equals(header.contentDigest())) {
            return "after the restore the content digest is " + digest.value() + ", the backup's "
                    + header.contentDigest();
        }
        return null;
    }

    private static String signature(Record r) {
        return r.get("name").asString() + " " + SchemaShape.canonicalType(r.get("type").asString()) + " "
                + r.get("entityType").asString() + " "
                + r.get("labelsOrTypes").asList(Value::asString) + " " + r.get("properties").asList(Value::asString);
    }

    private Session session(AccessMode mode) {
        return driver.session(SessionConfig.builder().withDatabase(database).withDefaultAccessMode(mode)
                .withFetchSize(BATCH).build());
    }

    private static long count(Session s, String query) {
        return s.run(query).single().get("c").asLong();
    }

    /**
     * The write pass. This thread parses (and checks) the file into batches of records; a writer thread
     * writes each batch while the next is parsed, so parsing overlaps the server's work. Memory holds a few
     * batches, each at most {@link #BATCH} records or {@link #BATCH_WEIGHT} of data.
     */
    private final class Loader {
        final List<SchemaShape> schema = new ArrayList<>();
        private final GraphWrites writes;
        private final NodeIdMap toNew;
        private final NodeIdMap toBackup;
        private List<BackupRecord.NodeRecord> nodes = new ArrayList<>();
        private List<BackupRecord.RelationshipRecord> rels = new ArrayList<>();
        private long batchWeight;
        private BackgroundConsumer<List<?>> writer;
        private long nodesWritten;
        private long relsWritten;

        Loader(GraphWrites writes, NodeIdMap toNew, NodeIdMap toBackup) {
            this.writes = writes;
            this.toNew = toNew;
            this.toBackup = toBackup;
        }

        /** Reads {@code file} and writes its records; returns the reader's verdict on the file. */
        VerifyResult load(BackupReader reader, Path file) {
            try (BackgroundConsumer<List<?>> w = new BackgroundConsumer<>("statestore-restore-writer", 2,
                    this::write)) {
                writer = w;
                VerifyResult verdict = reader.scan(file, this::accept);
                w.finish();
                return verdict;
            }
        }

        /** Groups records into batches of one kind and hands each full batch to the writer. */
        private void accept(BackupRecord r) {
            if (r instanceof SchemaDefinition d) {
                schema.add(SchemaShape.parse(d));
            } else if (r instanceof BackupRecord.NodeRecord n) {
                nodes.add(n);
                batchWeight += GraphRules.checkNode(n.labels(), n.properties());
                if (nodes.size() == BATCH || batchWeight >= BATCH_WEIGHT) {
                    nodes = hand(nodes);
                }
            } else if (r instanceof BackupRecord.RelationshipRecord rel) {
                nodes = hand(nodes);
                rels.add(rel);
                batchWeight += GraphRules.checkRelationship(rel.type(), rel.properties());
                if (rels.size() == BATCH || batchWeight >= BATCH_WEIGHT) {
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
            batchWeight = 0;
            return new ArrayList<>();
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
            // One statement per label set; the labels are a parameter (or quoted, for an older server).
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
                        CypherStatement st = writes.createNodes(e.getKey(), e.getValue());
                        Result result = tx.run(st.text(), st.parameters());
                        while (result.hasNext()) {
                            Record rec = result.next();
                            if (k == out.length) {
                                throw new IllegalStateException("created more nodes than " + size);
                            }
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
                toNew.put(pairs[k], pairs[k + 1]);
                toBackup.put(pairs[k + 1], pairs[k]);
            }
            nodesWritten += size;
            counts.advance(size);
        }

        private void writeRelationships(List<BackupRecord.RelationshipRecord> batch) {
            Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
            for (BackupRecord.RelationshipRecord r : batch) {
                byType.computeIfAbsent(r.type(), k -> new ArrayList<>())
                        .add(Map.of("s", toNew.get(r.start()), "e", toNew.get(r.end()), "p", r.properties()));
            }
            int size = batch.size();
            try (Session s = session(AccessMode.WRITE)) {
                s.executeWriteWithoutResult(tx -> {
                    int created = 0;
                    for (Map.Entry<String, List<Map<String, Object>>> e : byType.entrySet()) {
                        CypherStatement st = writes.createRelationships(e.getKey(), e.getValue());
                        created += tx.run(st.text(), st.parameters()).consume().counters().relationshipsCreated();
                    }
                    if (created != size) {
                        throw new IllegalStateException("created " + created + " of " + size + " relationships");
                    }
                });
            }
            relsWritten += size;
            counts.advance(size);
        }
    }
}
