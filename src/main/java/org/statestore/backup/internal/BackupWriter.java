package org.statestore.backup.internal;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.statestore.backup.BackupCounts;
import org.statestore.backup.BackupHeader;
import org.statestore.backup.Backups;
import org.statestore.backup.CreateResult;
import org.statestore.backup.DumpGuard;
import org.statestore.backup.HistoryHead;
import org.statestore.history.internal.HistoryChain;
import org.statestore.lock.internal.LeaseLock;
import org.statestore.progress.ProgressSink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Takes an online backup: streams the whole database over Bolt in one read transaction (schema, nodes,
 * relationships, record by record, so memory stays flat) into a {@code .ssbak} file, leaving out the
 * migration lease's nodes ({@link #LEASE_LABEL}).
 *
 * <p>An open store's {@link Backups} builds one per backup ({@code store.backups().create(dir)}).
 *
 * <p>The body is written to a temporary file first, because the header at the front carries the counts and
 * digest known only at the end; the finished file is published under its final name with a hard link
 * (or an atomic move where links are unsupported), which never replaces an existing file.
 */
public final class BackupWriter {

    static final String CONSISTENCY = "one read transaction (read committed)";

    private static final String CONSTRAINTS = """
            SHOW CONSTRAINTS YIELD name, type, createStatement
            RETURN name, type, createStatement ORDER BY name""";
    private static final String INDEXES = """
            SHOW INDEXES YIELD name, type, owningConstraint, createStatement
            WHERE type <> 'LOOKUP' AND owningConstraint IS NULL
            RETURN name, type, createStatement ORDER BY name""";
    private static final String HISTORY_HEAD = "MATCH (e:" + HistoryChain.ENTRY_LABEL + ") "
            + "RETURN e.version AS version, e.seq AS seq ORDER BY e.seq DESC LIMIT 1";
    /**
     * The label of the migration lease's nodes (the one in {@link LeaseLock}, which
     * keeps it package-private). A lease node is the state of a running process, not content: a backup
     * holds the lease while it reads, so the node would otherwise carry the backup's own holder. It is
     * left out of every backup, its counts and its digest, and out of a restore's read-back.
     */
    static final String LEASE_LABEL = LeaseLock.LABEL;
    /** Every node but lease nodes. */
    static final String CONTENT_NODE = "NOT n:" + LEASE_LABEL;
    /** Every relationship whose endpoints are content nodes (a lease node has no relationships today). */
    static final String CONTENT_RELATIONSHIP = "NOT a:" + LEASE_LABEL + " AND NOT b:" + LEASE_LABEL;

    // id() is deprecated in Neo4j 5 but is the one node identity that fits in a long; it is only used
    // inside the backup, to tie relationships to their endpoints.
    private static final String NODES = "MATCH (n) WHERE " + CONTENT_NODE
            + " RETURN id(n) AS id, labels(n) AS labels, properties(n) AS props";
    private static final String RELATIONSHIPS = "MATCH (a)-[r]->(b) WHERE " + CONTENT_RELATIONSHIP
            + " RETURN id(a) AS start, id(b) AS end, type(r) AS type, properties(r) AS props";

    // Both counts come from Neo4j's count store (constant time): the progress total, before the scan.
    private static final String COUNT_NODES = "MATCH (n) RETURN count(n)";
    private static final String COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r)";
    private static final long FETCH_SIZE = 5_000;
    private static final int ENCODE_BATCH = 1_000;

    // Shortest round-tripping decimal form, several times faster than Double.toString.
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Driver driver;
    private final String database;
    private final String serverVersion;
    private final String toolVersion;
    private final Consumer<String> progress;
    private final Clock clock;
    private final Path scratchBase;
    private final ProgressSink counts;

    public BackupWriter(Driver driver, String database, String serverVersion, String toolVersion,
                        Consumer<String> progress, Clock clock) {
        this(driver, database, serverVersion, toolVersion, progress, clock, ScratchSpace.defaultBase());
    }

    /** @param scratchBase where the private temporary directory for the node-id bit set is created */
    public BackupWriter(Driver driver, String database, String serverVersion, String toolVersion,
                        Consumer<String> progress, Clock clock, Path scratchBase) {
        this(driver, database, serverVersion, toolVersion, progress, clock, scratchBase, ProgressSink.NONE);
    }

    /** @param counts where the dump reports nodes and relationships written, out of the count store's total */
    public BackupWriter(Driver driver, String database, String serverVersion, String toolVersion,
                        Consumer<String> progress, Clock clock, Path scratchBase, ProgressSink counts) {
        this.counts = Objects.requireNonNull(counts, "counts");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.database = Objects.requireNonNull(database, "database");
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scratchBase = Objects.requireNonNull(scratchBase, "scratchBase");
    }

    /** Backs the database up into {@code directory} (created when missing), holding no guard. */
    public CreateResult create(Path directory) {
        return create(directory, DumpGuard.NONE);
    }

    /**
     * Backs the database up into {@code directory}, holding {@code guard} while the database is read
     * (e.g. {@link Backups#migrationLease}, so no migration runs meanwhile).
     *
     * <p>The file is {@code 0600} and a directory created for it {@code 0700}: a backup holds every
     * identity's bcrypt hash. A database holding something {@code verify} would refuse (see
     * {@link GraphRules}, {@link SchemaShape}) is refused with {@link CreateResult.Refused}; nothing is written.
     *
     * @throws UncheckedIOException when the directory cannot be written (nothing is left behind)
     * @throws RuntimeException     whatever the guard throws when it cannot be held, e.g.
     *                              {@link org.statestore.lock.LockTimeoutException} (nothing is written)
     */
    @SuppressWarnings("try") // the guard is held for the block, not used in it
    public CreateResult create(Path directory, DumpGuard guard) {
        Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        long t0 = System.nanoTime();
        Optional<String> badName = DatabaseName.problem(database);
        if (badName.isPresent()) {
            // The name becomes part of the file name: nothing outside Neo4j's rules gets near a path.
            return new CreateResult.Refused(badName.get());
        }
        String name = BackupFormat.fileName(database, started);
        Path dir = directory.toAbsolutePath().normalize();
        Path target = dir.resolve(name);
        if (Files.exists(target)) {
            return new CreateResult.Exists(target);
        }
        Path body = dir.resolve("." + name + ".body.tmp");
        Path assembled = dir.resolve("." + name + ".tmp");
        try {
            PrivateFiles.createDirectories(dir);
            Dumped dumped;
            try (DumpGuard.Held held = guard.hold()) {
                dumped = dump(body);
                Optional<String> lost = held.lost();
                if (lost.isPresent()) {
                    // Something the guard kept out may have written while the dump read: not a backup to trust.
                    return new CreateResult.GuardLost(lost.get());
                }
            }
            BackupHeader header = new BackupHeader(BackupFormat.FORMAT_VERSION, toolVersion, serverVersion, database,
                    started, dumped.counts(), dumped.skipped(), dumped.head(), dumped.digest(), CONSISTENCY);
            byte[] headerLine = MAPPER.writeValueAsBytes(header.toMap());
            if (headerLine.length >= BackupLimits.MAX_HEADER_BYTES) {
                return new CreateResult.Refused("the header would be longer than the "
                        + (BackupLimits.MAX_HEADER_BYTES >> 10) + " KiB a reader accepts (the history head version is "
                        + header.historyHead().map(h -> h.version().length()).orElse(0) + " characters)");
            }
            assemble(headerLine, body, assembled);
            Files.delete(body);
            if (!publish(assembled, target)) {
                return new CreateResult.Exists(target);
            }
            long size = Files.size(target);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            progress.accept("backup: wrote " + target + " (" + header.counts() + ", " + size + " bytes) in "
                    + elapsed.toMillis() + " ms");
            return new CreateResult.Created(target, header, size, elapsed);
        } catch (PropertyCodec.UnsupportedValueException e) {
            return new CreateResult.Refused(e.getMessage());
        } catch (BackupFormatException e) {
            return new CreateResult.Refused("the database holds what a backup cannot carry (verify would refuse "
                    + "the file): " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the backup in " + dir + ": " + BackupReader.firstLine(e.getCause()),
                    e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup in " + dir + ": " + BackupReader.firstLine(e), e);
        } finally {
            deleteQuietly(body);
            deleteQuietly(assembled);
        }
    }

    private record Dumped(BackupCounts counts, long skipped, Optional<HistoryHead> head, String digest) {
    }

    /**
     * Reads everything in one read transaction and writes the compressed body. This thread turns driver
     * records into backup records; a second thread encodes, compresses and hashes them, so on a machine
     * with cores to spare the encoding overlaps the reading.
     */
    private Dumped dump(Path body) throws IOException {
        SessionConfig config = SessionConfig.builder().withDatabase(database).withDefaultAccessMode(AccessMode.READ)
                .withFetchSize(FETCH_SIZE).build();
        List<SchemaDefinition> schema = new ArrayList<>();
        Optional<HistoryHead> head;
        long nodeCount = 0;
        long relCount = 0;
        long skipped = 0;
        try (ScratchSpace scratch = ScratchSpace.open(scratchBase);
             Session session = driver.session(config);
             Transaction tx = session.beginTransaction(TransactionConfig.builder()
                     .withMetadata(Map.of("app", "statestore backup")).build());
             MappedLongArray seen = MappedLongArray.create(scratch, "backup-seen");
             BodyEncoder encoder = new BodyEncoder(body);
             BackgroundConsumer<List<BackupRecord>> encoding = new BackgroundConsumer<>("statestore-backup-encoder", 4,
                     encoder::write)) {
            progress.accept("backup: reading " + database + " in one read transaction");
            for (Record r : tx.run(CONSTRAINTS).list()) {
                schema.add(new SchemaDefinition(SchemaDefinition.Kind.CONSTRAINT, r.get("name").asString(),
                        SchemaShape.canonicalType(r.get("type").asString()), r.get("createStatement").asString()));
            }
            long constraints = schema.size();
            for (Record r : tx.run(INDEXES).list()) {
                schema.add(new SchemaDefinition(SchemaDefinition.Kind.INDEX, r.get("name").asString(),
                        r.get("type").asString(), r.get("createStatement").asString()));
            }
            head = tx.run(HISTORY_HEAD).list().stream().findFirst()
                    .filter(r -> !r.get("version").isNull() && !r.get("seq").isNull())
                    .map(r -> new HistoryHead(r.get("version").asString(), r.get("seq").asLong()));
            encoding.put(new ArrayList<>(schema));
            long total = tx.run(COUNT_NODES).single().get(0).asLong() + tx.run(COUNT_RELATIONSHIPS).single().get(0).asLong();
            counts.start("backup " + database, total);

            List<BackupRecord> batch = new ArrayList<>(ENCODE_BATCH);
            Result nodes = tx.run(NODES);
            while (nodes.hasNext()) {
                Record r = nodes.next();
                long id = r.get(0).asLong();
                List<String> labels = r.get(1).asList(Value::asString);
                if (labels.size() > 1) {
                    labels = new ArrayList<>(labels);
                    Collections.sort(labels);
                }
                batch.add(new BackupRecord.NodeRecord(id, labels, PropertyCodec.fromDriver(r.get(2))));
                seen.setBit(id);
                if (batch.size() == ENCODE_BATCH) {
                    encoding.put(batch);
                    batch = new ArrayList<>(ENCODE_BATCH);
                    counts.advance(ENCODE_BATCH);
                }
                nodeCount++;
            }

            Result rels = tx.run(RELATIONSHIPS);
            while (rels.hasNext()) {
                Record r = rels.next();
                long start = r.get(0).asLong();
                long end = r.get(1).asLong();
                // An endpoint created after the node scan passed it is not in the backup (read committed).
                if (!seen.getBit(start) || !seen.getBit(end)) {
                    skipped++;
                    continue;
                }
                batch.add(new BackupRecord.RelationshipRecord(start, end, r.get(2).asString(),
                        PropertyCodec.fromDriver(r.get(3))));
                if (batch.size() == ENCODE_BATCH) {
                    encoding.put(batch);
                    batch = new ArrayList<>(ENCODE_BATCH);
                    counts.advance(ENCODE_BATCH);
                }
                relCount++;
            }
            BackupCounts found = new BackupCounts(nodeCount, relCount, constraints, schema.size() - constraints);
            counts.advance(batch.size());
            batch.add(new BackupRecord.EndRecord(found));
            encoding.put(batch);
            encoding.finish();
            counts.done();
            tx.rollback();
            if (skipped > 0) {
                progress.accept("warning: backup: left out " + skipped + " relationships whose endpoint was created during "
                        + "the backup");
            }
            return new Dumped(found, skipped, head, encoder.digest.value());
        }
    }

    /** The encoding side of {@link #dump}: JSON lines, compressed, and the content digest. */
    private static final class BodyEncoder implements AutoCloseable {
        final ContentDigest digest = new ContentDigest();
        private final JsonGenerator g;
        private long schemaText;
        private int schemaRecords;

        BodyEncoder(Path body) throws IOException {
            OutputStream file = PrivateFiles.newFile(body);
            try {
                g = JSON.createGenerator(fastGzip(new BufferedOutputStream(file, 1 << 16)));
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
            g.setRootValueSeparator(new SerializedString("\n"));
        }

        void write(List<BackupRecord> batch) {
            try {
                for (BackupRecord record : batch) {
                    // The same checks verify makes, so create never writes a file verify refuses.
                    if (record instanceof BackupRecord.NodeRecord n) {
                        GraphRules.checkNode(n.labels(), n.properties());
                    } else if (record instanceof BackupRecord.RelationshipRecord r) {
                        GraphRules.checkRelationship(r.type(), r.properties());
                    } else if (record instanceof SchemaDefinition d) {
                        schemaText = SchemaShape.addText(schemaText, d);
                        if (++schemaRecords > BackupLimits.MAX_SCHEMA_RECORDS) {
                            throw new BackupFormatException("more than " + BackupLimits.MAX_SCHEMA_RECORDS
                                    + " constraints and indexes");
                        }
                        SchemaShape.parse(d);
                    }
                    RecordCodec.write(g, record);
                    if (record instanceof BackupRecord.NodeRecord n) {
                        digest.addNode(n.id(), n.labels(), n.properties());
                    } else if (record instanceof BackupRecord.RelationshipRecord r) {
                        digest.addRelationship(r.start(), r.end(), r.type(), r.properties());
                    } else if (record instanceof BackupRecord.EndRecord) {
                        g.writeRaw('\n');
                        g.flush();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            g.close();
        }
    }

    /** Header member, body members, trailer; then flushed to disk. */
    private static void assemble(byte[] headerLine, Path body, Path assembled) throws IOException {
        MessageDigest sha = BackupReader.sha256();
        try (OutputStream file = PrivateFiles.newFile(assembled);
             DigestOutputStream out = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha)) {
            GZIPOutputStream headerMember = new GZIPOutputStream(new KeepOpen(out));
            headerMember.write(headerLine);
            headerMember.write('\n');
            headerMember.finish();
            Files.copy(body, out);
            out.on(false);
            String trailer = new String(BackupFormat.TRAILER_PREFIX, StandardCharsets.US_ASCII)
                    + HexFormat.of().formatHex(sha.digest()) + "\n";
            out.write(trailer.getBytes(StandardCharsets.US_ASCII));
        }
        try (FileChannel ch = FileChannel.open(assembled, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Gives {@code assembled} its final name without ever replacing a file; false when the name is taken. */
    private static boolean publish(Path assembled, Path target) throws IOException {
        try {
            Files.createLink(target, assembled);
            Files.delete(assembled);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            // No hard links here (some network and FAT file systems): check, then move atomically.
            if (Files.exists(target)) {
                return false;
            }
            Files.move(assembled, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    static OutputStream fastGzip(OutputStream out) throws IOException {
        // Level 1 compresses this text about 5x at several times the speed of the default level.
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover temporary file is named .*.tmp and ignored by list and prune.
        }
    }

    /** Lets a GZIPOutputStream finish its member without closing the file under it. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
