package org.statestore.backup;

import java.io.BufferedInputStream;
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
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code .ssbak} files: the header alone (for listings), or every byte (verification, and the
 * restore's second pass). A full read checks, in one pass, the SHA-256 trailer, the JSON format, record
 * order, the end record, the counts and the content digest against the header.
 */
public final class BackupReader {

    // Property strings can be far longer than Jackson's default 20-million-character guard.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    /** Receives each body record of a full read, in file order. */
    @FunctionalInterface
    interface RecordSink {
        void accept(BackupRecord record);
    }

    /** The header only: the first gzip member's single line. Throws {@link BackupFormatException} when unreadable. */
    public BackupHeader readHeader(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 8192);
             JsonParser p = JSON.createParser(in)) {
            return parseHeader(p);
        } catch (ZipException | JsonProcessingException e) {
            throw new BackupFormatException("not a statestore backup: " + firstLine(e));
        } catch (java.io.EOFException e) {
            throw new BackupFormatException("the file ends inside its header");
        }
    }

    /** Reads the whole file and checks everything; never writes anything. */
    public VerifyResult verify(Path file) {
        return scan(file, record -> { });
    }

    /**
     * Reads the whole file, handing every record to {@code sink}, and checks everything. Exceptions the
     * sink throws pass through; format problems come back as {@link VerifyResult.Invalid}.
     */
    VerifyResult scan(Path file, RecordSink sink) {
        long size;
        byte[] expected;
        try {
            size = Files.size(file);
            if (Files.isDirectory(file)) {
                return new VerifyResult.Invalid(file, "is a directory, not a backup file");
            }
            if (size < BackupFormat.TRAILER_LENGTH + 20) {
                return new VerifyResult.Invalid(file, "too short to be a backup (" + size + " bytes)");
            }
            expected = readTrailer(file, size);
        } catch (NoSuchFileException e) {
            return new VerifyResult.Missing(file);
        } catch (IOException e) {
            return new VerifyResult.Invalid(file, "cannot read: " + firstLine(e));
        }
        if (expected == null) {
            return new VerifyResult.Invalid(file, "no checksum trailer at the end: the file is truncated or not a "
                    + "statestore backup");
        }
        MessageDigest sha = sha256();
        String formatError = null;
        BackupHeader header = null;
        try (Body body = new Body();
             InputStream raw = new BoundedInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                size - BackupFormat.TRAILER_LENGTH);
             DigestInputStream digesting = new DigestInputStream(raw, sha)) {
            try {
                JsonParser p = JSON.createParser(new GZIPInputStream(digesting, 1 << 16));
                header = parseHeader(p);
                body.read(p, sink);
            } catch (BackupFormatException e) {
                formatError = e.getMessage();
            } catch (JsonProcessingException e) {
                formatError = "malformed data: " + firstLine(e);
            } catch (ZipException e) {
                formatError = "damaged compression: " + firstLine(e);
            } catch (java.io.EOFException e) {
                formatError = "the data ends early";
            } catch (PropertyCodec.UnsupportedValueException e) {
                formatError = e.getMessage();
            }
            // Hash to the end even after a format error, so a damaged file is reported as damaged.
            digesting.on(true);
            byte[] rest = new byte[1 << 16];
            while (digesting.read(rest) >= 0) {
                // draining
            }
            byte[] actual = sha.digest();
            if (!Arrays.equals(actual, expected)) {
                return new VerifyResult.Invalid(file, "checksum mismatch: the file is damaged (SHA-256 "
                        + HexFormat.of().formatHex(actual) + ", trailer says " + HexFormat.of().formatHex(expected)
                        + ")");
            }
            if (formatError != null) {
                return new VerifyResult.Invalid(file, formatError);
            }
            String mismatch = body.mismatchWith(header);
            if (mismatch != null) {
                return new VerifyResult.Invalid(file, mismatch);
            }
            return new VerifyResult.Valid(file, header, size);
        } catch (IOException e) {
            return new VerifyResult.Invalid(file, "cannot read: " + firstLine(e));
        }
    }

    private static BackupHeader parseHeader(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new BackupFormatException("not a statestore backup: no header");
        }
        JsonNode tree = MAPPER.readTree(p);
        return BackupHeader.fromJson(tree);
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

    /** Walks the body in order and keeps what must agree with the header. */
    /** Far above any real store's ids; keeps the id maps' sparse files within file-system limits. */
    static final long MAX_NODE_ID = 1L << 40;

    private static final class Body implements AutoCloseable {
        private final ContentDigest digest = new ContentDigest();
        // Node ids seen so far: a duplicate id or a relationship to an unknown node is a format error.
        private final MappedLongArray nodeIds = MappedLongArray.create(null, "verify-ids");
        private long constraints;
        private long indexes;
        private BackupCounts endCounts;
        private int phase; // 0 schema, 1 nodes, 2 relationships, 3 end

        void read(JsonParser p, RecordSink sink) throws IOException {
            BackupRecord r;
            while ((r = RecordCodec.read(p)) != null) {
                if (phase == 3) {
                    throw new BackupFormatException("data after the end record");
                }
                if (r instanceof SchemaDefinition s) {
                    order(0, "a schema definition");
                    if (s.kind() == SchemaDefinition.Kind.CONSTRAINT) {
                        constraints++;
                    } else {
                        indexes++;
                    }
                } else if (r instanceof BackupRecord.NodeRecord n) {
                    order(1, "a node");
                    if (n.id() < 0 || n.id() > MAX_NODE_ID) {
                        throw new BackupFormatException("node id " + n.id() + " is out of range");
                    }
                    if (nodeIds.getBit(n.id())) {
                        throw new BackupFormatException("node id " + n.id() + " appears twice");
                    }
                    nodeIds.setBit(n.id());
                    digest.addNode(n.id(), n.labels(), n.properties());
                } else if (r instanceof BackupRecord.RelationshipRecord rel) {
                    order(2, "a relationship");
                    if (rel.start() > MAX_NODE_ID || rel.end() > MAX_NODE_ID
                            || !nodeIds.getBit(rel.start()) || !nodeIds.getBit(rel.end())) {
                        throw new BackupFormatException("a relationship refers to a node that is not in the backup");
                    }
                    digest.addRelationship(rel.start(), rel.end(), rel.type(), rel.properties());
                } else {
                    phase = 3;
                    endCounts = ((BackupRecord.EndRecord) r).counts();
                }
                sink.accept(r);
            }
            if (endCounts == null) {
                throw new BackupFormatException("the end record is missing: the body was cut short");
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
