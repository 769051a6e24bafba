package org.statestore.backup.internal;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.statestore.backup.BackupCounts;
import org.statestore.backup.BackupHeader;
import org.statestore.backup.VerifyResult;
import org.statestore.progress.ProgressSink;
import org.statestore.text.internal.Printable;

/**
 * Reads {@code .ssbak} files: the header alone (for listings), the checksum and header (for pruning), or
 * every byte (verification, and the restore's second pass). A full read checks, in one pass, the SHA-256
 * trailer, the JSON format, record order, every name, value and schema statement a restore would refuse
 * ({@link GraphRules}, {@link SchemaShape}), the end record, the counts and the content digest.
 *
 * <p>A backup file is untrusted input: its checksum and digest have no key, so anyone can write a file
 * that passes them. Reading is bounded accordingly ({@link BackupLimits}): the header line is at most
 * 8 KiB, strings, names, nesting and records are capped while they are read, header counts must fit the
 * file's size before anything is sized by them, and node ids go into a hash map whose size follows the
 * number of nodes, never the range of their ids. Temporary files live in a private {@link ScratchSpace}.
 */
public final class BackupReader {

    private static final JsonFactory BODY_JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(BackupLimits.MAX_STRING_CHARS)
                    // Input units, not characters: leave room for UTF-8 and \\u escapes; GraphRules counts characters.
                    .maxNameLength(6 * BackupLimits.MAX_NAME_CHARS)
                    .maxNestingDepth(BackupLimits.MAX_NESTING)
                    .build())
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final ObjectMapper HEADER_JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(BackupLimits.MAX_HEADER_BYTES)
                    .maxNestingDepth(8)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int DETAIL_LIMIT = 300;

    /** Receives each body record of a full read, in file order, after it passed every check. */
    @FunctionalInterface
    interface RecordSink {
        void accept(BackupRecord record);
    }

    private final Path scratchBase;
    private final ProgressSink counts;

    /** A reader whose temporary files go under {@code java.io.tmpdir}. */
    public BackupReader() {
        this(ScratchSpace.defaultBase());
    }

    /** A reader whose temporary files go into a private directory under {@code scratchBase}. */
    public BackupReader(Path scratchBase) {
        this(scratchBase, ProgressSink.NONE);
    }

    /** As {@link #BackupReader(Path)}; a full read reports the records checked out of the header's count to {@code counts}. */
    public BackupReader(Path scratchBase, ProgressSink counts) {
        this.scratchBase = scratchBase;
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    /** The same reader, reporting full reads to {@code counts}. */
    public BackupReader withProgress(ProgressSink counts) {
        return new BackupReader(scratchBase, counts);
    }

    Path scratchBase() {
        return scratchBase;
    }

    /**
     * The header only: the first line of the first gzip member, read no further than 8 KiB. Throws
     * {@link BackupFormatException} (one line) when it cannot be read as a header.
     */
    public BackupHeader readHeader(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(
                new BufferedInputStream(Files.newInputStream(file)), 8192), 8192)) {
            return readHeaderLine(in);
        } catch (ZipException e) {
            throw new BackupFormatException("not a statestore backup: " + detail(e));
        } catch (EOFException e) {
            throw new BackupFormatException("the file ends inside its header");
        }
    }

    /** Reads the whole file and checks everything; never writes anything (but its own temporary files). */
    public VerifyResult verify(Path file) {
        return scan(file, record -> { });
    }

    /**
     * The checks that make a file count as a backup for retention: the trailer, the SHA-256 of every byte
     * before it, and a readable header. Cheaper than {@link #verify} (nothing is decompressed but the
     * header), and enough to tell a complete file from a truncated or damaged one.
     */
    public VerifyResult checkIntegrity(Path file) {
        long size;
        byte[] expected;
        try {
            if (Files.isDirectory(file)) {
                return new VerifyResult.Invalid(file, "is a directory, not a backup file");
            }
            size = Files.size(file);
            if (size < BackupFormat.TRAILER_LENGTH + 20) {
                return new VerifyResult.Invalid(file, "too short to be a backup (" + size + " bytes)");
            }
            expected = readTrailer(file, size);
            if (expected == null) {
                return noTrailer(file);
            }
            MessageDigest sha = sha256();
            try (InputStream in = new BoundedInputStream(Files.newInputStream(file), size - BackupFormat.TRAILER_LENGTH)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    sha.update(buf, 0, n);
                }
            }
            byte[] actual = sha.digest();
            if (!Arrays.equals(actual, expected)) {
                return checksumMismatch(file, actual, expected);
            }
            return new VerifyResult.Valid(file, readHeader(file), size, HexFormat.of().formatHex(expected));
        } catch (NoSuchFileException e) {
            return new VerifyResult.Missing(file);
        } catch (BackupFormatException e) {
            return new VerifyResult.Invalid(file, e.getMessage());
        } catch (IOException e) {
            return new VerifyResult.Invalid(file, "cannot read: " + detail(e));
        }
    }

    /**
     * Reads the whole file, handing every record that passed its checks to {@code sink}, and checks
     * everything. Exceptions the sink throws pass through; format problems come back as
     * {@link VerifyResult.Invalid}.
     */
    VerifyResult scan(Path file, RecordSink sink) {
        long size;
        byte[] expected;
        try {
            if (Files.isDirectory(file)) {
                return new VerifyResult.Invalid(file, "is a directory, not a backup file");
            }
            size = Files.size(file);
            if (size < BackupFormat.TRAILER_LENGTH + 20) {
                return new VerifyResult.Invalid(file, "too short to be a backup (" + size + " bytes)");
            }
            expected = readTrailer(file, size);
        } catch (NoSuchFileException e) {
            return new VerifyResult.Missing(file);
        } catch (IOException e) {
            return new VerifyResult.Invalid(file, "cannot read: " + detail(e));
        }
        if (expected == null) {
            return noTrailer(file);
        }
        MessageDigest sha = sha256();
        String formatError = null;
        BackupHeader header = null;
        try (ScratchSpace scratch = ScratchSpace.open(scratchBase);
             Body body = new Body(scratch);
             InputStream raw = new BoundedInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                size - BackupFormat.TRAILER_LENGTH);
             DigestInputStream digesting = new DigestInputStream(raw, sha)) {
            try {
                InputStream data = new BufferedInputStream(new GZIPInputStream(digesting, 1 << 16), 1 << 16);
                header = readHeaderLine(data);
                checkPlausible(header, size);
                // The header's counts are untrusted, but only sized a progress bar here (checkPlausible bounds them).
                counts.start("verify", header.counts().nodes() + header.counts().relationships());
                body.read(BODY_JSON.createParser(data), header, sink, counts);
                counts.done();
            } catch (BackupFormatException e) {
                formatError = e.getMessage();
            } catch (StreamConstraintsException e) {
                formatError = "a string, name or nesting exceeds what a backup carries (" + detail(e) + ")";
            } catch (JsonProcessingException e) {
                formatError = "malformed data: " + detail(e);
            } catch (ZipException e) {
                formatError = "damaged compression: " + detail(e);
            } catch (EOFException e) {
                formatError = "the data ends early";
            } catch (PropertyCodec.UnsupportedValueException e) {
                formatError = e.getMessage();
            } catch (OutOfMemoryError e) {
                // Every record is capped (BackupLimits), so this is a heap smaller than one capped record needs.
                formatError = "a record needs more memory than this JVM's heap ("
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB) has left";
            }
            // Hash to the end even after a format error, so a damaged file is reported as damaged.
            digesting.on(true);
            byte[] rest = new byte[1 << 16];
            while (digesting.read(rest) >= 0) {
                // draining
            }
            byte[] actual = sha.digest();
            if (!Arrays.equals(actual, expected)) {
                return checksumMismatch(file, actual, expected);
            }
            if (formatError != null) {
                return new VerifyResult.Invalid(file, formatError);
            }
            String mismatch = body.mismatchWith(header);
            if (mismatch != null) {
                return new VerifyResult.Invalid(file, mismatch);
            }
            return new VerifyResult.Valid(file, header, size, HexFormat.of().formatHex(expected));
        } catch (IOException e) {
            return new VerifyResult.Invalid(file, "cannot read: " + detail(e));
        }
    }

    /** The trailer's checksum (hex) and the file's size as they are now, to tell whether a file changed. */
    static Optional<String> currentChecksum(Path file, long expectedSize) {
        try {
            long size = Files.size(file);
            if (size != expectedSize || size < BackupFormat.TRAILER_LENGTH) {
                return Optional.empty();
            }
            byte[] t = readTrailer(file, size);
            return t == null ? Optional.empty() : Optional.of(HexFormat.of().formatHex(t));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static VerifyResult noTrailer(Path file) {
        return new VerifyResult.Invalid(file, "no checksum trailer at the end: the file is truncated or not a "
                + "statestore backup");
    }

    private static VerifyResult checksumMismatch(Path file, byte[] actual, byte[] expected) {
        return new VerifyResult.Invalid(file, "checksum mismatch: the file is damaged (SHA-256 "
                + HexFormat.of().formatHex(actual) + ", trailer says " + HexFormat.of().formatHex(expected) + ")");
    }

    /** The header line, at most {@link BackupLimits#MAX_HEADER_BYTES} bytes up to its newline. */
    private static BackupHeader readHeaderLine(InputStream in) throws IOException {
        byte[] line = new byte[BackupLimits.MAX_HEADER_BYTES];
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (b == '\n') {
                break;
            }
            if (n == line.length) {
                throw new BackupFormatException("the header is longer than " + (BackupLimits.MAX_HEADER_BYTES >> 10)
                        + " KiB: the file is damaged or not a statestore backup");
            }
            line[n++] = (byte) b;
        }
        try {
            return BackupHeaderJson.fromJson(HEADER_JSON.readTree(line, 0, n));
        } catch (JsonProcessingException e) {
            throw new BackupFormatException("not a statestore backup: " + detail(e));
        }
    }

    /** Counts the file cannot hold (deflate expands at most 1032 times) are refused before anything is sized. */
    private static void checkPlausible(BackupHeader header, long size) {
        long most = size * BackupLimits.MAX_RECORDS_PER_FILE_BYTE;
        BackupCounts c = header.counts();
        long[] values = {c.nodes(), c.relationships(), c.constraints(), c.indexes()};
        String[] names = {"nodes", "relationships", "constraints", "indexes"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] > most) {
                throw new BackupFormatException("the header declares " + values[i] + " " + names[i]
                        + ", more than a file of " + size + " bytes can hold");
            }
        }
        if (c.constraints() + c.indexes() > BackupLimits.MAX_SCHEMA_RECORDS) {
            throw new BackupFormatException("the header declares " + (c.constraints() + c.indexes())
                    + " constraints and indexes, more than the " + BackupLimits.MAX_SCHEMA_RECORDS + " a backup carries");
        }
    }

    /** The 32 bytes the trailer names, or null when the file does not end in a trailer. */
    private static byte[] readTrailer(Path file, long size) throws IOException {
        byte[] t = new byte[BackupFormat.TRAILER_LENGTH];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(size - t.length);
            f.readFully(t);
        }
        byte[] prefix = BackupFormat.TRAILER_PREFIX;
        if (!Arrays.equals(t, 0, prefix.length, prefix, 0, prefix.length) || t[t.length - 1] != '\n') {
            return null;
        }
        String hex = new String(t, prefix.length, 64, StandardCharsets.US_ASCII);
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m).strip();
    }

    /** An exception's first line, escaped and cut short: parser messages quote the file's bytes. */
    static String detail(Throwable e) {
        String line = Printable.escape(firstLine(e));
        return line.length() > DETAIL_LIMIT ? line.substring(0, DETAIL_LIMIT) + "..." : line;
    }

    /** Walks the body in order, checks every record and keeps what must agree with the header. */
    private static final class Body implements AutoCloseable {
        private final ContentDigest digest = new ContentDigest();
        // Node ids seen so far: a duplicate id or a relationship to an unknown node is a format error.
        private final NodeIdMap nodeIds;
        private final Set<String> schemaNames = new HashSet<>();
        private long schemaText;
        private long constraints;
        private long indexes;
        private BackupCounts endCounts;
        private int phase; // 0 schema, 1 nodes, 2 relationships, 3 end

        Body(ScratchSpace scratch) {
            this.nodeIds = new NodeIdMap(scratch, "verify-ids");
        }

        void read(JsonParser p, BackupHeader header, RecordSink sink, ProgressSink counts) throws IOException {
            BackupCounts declared = header.counts();
            BackupRecord r;
            long pending = 0;
            while ((r = RecordCodec.read(p)) != null) {
                if (!(r instanceof SchemaDefinition || r instanceof BackupRecord.EndRecord) && ++pending == 1_000) {
                    counts.advance(pending);
                    pending = 0;
                }
                if (phase == 3) {
                    throw new BackupFormatException("data after the end record");
                }
                if (r instanceof SchemaDefinition s) {
                    order(0, "a schema definition");
                    schemaText = SchemaShape.addText(schemaText, s);
                    SchemaShape.parse(s);
                    if (!schemaNames.add(s.name())) {
                        throw new BackupFormatException("two constraints or indexes are named " + Printable.quote(s.name()));
                    }
                    if (s.kind() == SchemaDefinition.Kind.CONSTRAINT) {
                        exceeds(++constraints, declared.constraints(), "constraints");
                    } else {
                        exceeds(++indexes, declared.indexes(), "indexes");
                    }
                } else if (r instanceof BackupRecord.NodeRecord n) {
                    order(1, "a node");
                    GraphRules.checkNode(n.labels(), n.properties());
                    exceeds(digest.nodes() + 1, declared.nodes(), "nodes");
                    if (!nodeIds.putIfAbsent(n.id(), 0)) {
                        throw new BackupFormatException("node id " + n.id() + " appears twice");
                    }
                    digest.addNode(n.id(), n.labels(), n.properties());
                } else if (r instanceof BackupRecord.RelationshipRecord rel) {
                    order(2, "a relationship");
                    GraphRules.checkRelationship(rel.type(), rel.properties());
                    if (nodeIds.get(rel.start()) == NodeIdMap.ABSENT || nodeIds.get(rel.end()) == NodeIdMap.ABSENT) {
                        throw new BackupFormatException("a relationship refers to a node that is not in the backup");
                    }
                    exceeds(digest.relationships() + 1, declared.relationships(), "relationships");
                    digest.addRelationship(rel.start(), rel.end(), rel.type(), rel.properties());
                } else {
                    phase = 3;
                    endCounts = ((BackupRecord.EndRecord) r).counts();
                }
                sink.accept(r);
            }
            counts.advance(pending);
            if (endCounts == null) {
                throw new BackupFormatException("the end record is missing: the body was cut short");
            }
        }

        /** Stops as soon as the body holds more than the header declares, before more memory is taken. */
        private static void exceeds(long found, long declared, String what) {
            if (found > declared) {
                throw new BackupFormatException("the body holds more " + what + " than the header says (" + declared + ")");
            }
        }

        private void order(int recordPhase, String what) {
            if (recordPhase < phase) {
                throw new BackupFormatException(what + " appears out of order");
            }
            phase = recordPhase;
        }

        String mismatchWith(BackupHeader header) {
            BackupCounts found = new BackupCounts(digest.nodes(), digest.relationships(), constraints, indexes);
            if (!found.equals(endCounts)) {
                return "the body holds " + found + " but its end record says " + endCounts;
            }
            if (!found.equals(header.counts())) {
                return "the body holds " + found + " but the header says " + header.counts();
            }
            if (!digest.value().equals(header.contentDigest())) {
                return "content digest mismatch: the body hashes to " + digest.value() + ", the header says "
                        + header.contentDigest();
            }
            return null;
        }

        @Override
        public void close() {
            nodeIds.close();
        }
    }

    /** Stops after {@code limit} bytes, so the trailer never reaches the decompressor. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
