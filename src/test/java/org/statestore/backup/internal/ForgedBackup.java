package org.statestore.backup.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.statestore.backup.BackupCounts;
import org.statestore.backup.BackupHeader;
import org.statestore.backup.HistoryHead;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds {@code .ssbak} files the way {@link BackupWriter} does (header member, body member, SHA-256
 * trailer, and a content digest computed with the package's own {@link ContentDigest}), from records
 * of the test's choosing: the checksum and digest have no key, so a forged file passes both, and only
 * the reader's checks stand between it and a database.
 */
final class ForgedBackup {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = new JsonFactory();

    private final List<SchemaDefinition> schema = new ArrayList<>();
    private final List<BackupRecord.NodeRecord> nodes = new ArrayList<>();
    private final List<BackupRecord.RelationshipRecord> rels = new ArrayList<>();
    private String database = "neo4j";
    private String toolVersion = "test";
    private String serverVersion = "5.26.30";
    private Optional<HistoryHead> head = Optional.empty();
    private Instant createdAt = Instant.parse("2025-01-01T00:00:00Z");

    ForgedBackup schema(SchemaDefinition.Kind kind, String name, String type, String create) {
        schema.add(new SchemaDefinition(kind, name, type, create));
        return this;
    }

    ForgedBackup node(long id, List<String> labels, Map<String, Object> props) {
        nodes.add(new BackupRecord.NodeRecord(id, labels, new java.util.TreeMap<>(props)));
        return this;
    }

    ForgedBackup rel(long start, long end, String type, Map<String, Object> props) {
        rels.add(new BackupRecord.RelationshipRecord(start, end, type, new java.util.TreeMap<>(props)));
        return this;
    }

    ForgedBackup database(String name) {
        this.database = name;
        return this;
    }

    ForgedBackup toolVersion(String v) {
        this.toolVersion = v;
        return this;
    }

    ForgedBackup serverVersion(String v) {
        this.serverVersion = v;
        return this;
    }

    ForgedBackup head(String version, long seq) {
        this.head = Optional.of(new HistoryHead(version, seq));
        return this;
    }

    ForgedBackup at(Instant t) {
        this.createdAt = t;
        return this;
    }

    /** The header the writer would write for these records. */
    BackupHeader header() {
        ContentDigest digest = new ContentDigest();
        nodes.forEach(n -> digest.addNode(n.id(), n.labels(), n.properties()));
        rels.forEach(r -> digest.addRelationship(r.start(), r.end(), r.type(), r.properties()));
        long constraints = schema.stream().filter(s -> s.kind() == SchemaDefinition.Kind.CONSTRAINT).count();
        BackupCounts counts = new BackupCounts(nodes.size(), rels.size(), constraints, schema.size() - constraints);
        return new BackupHeader(BackupFormat.FORMAT_VERSION, toolVersion, serverVersion, database, createdAt, counts, 0,
                head, digest.value(), BackupWriter.CONSISTENCY);
    }

    /** Writes the file as {@code <database-for-name>-<createdAt>.ssbak} in {@code dir}. */
    Path writeTo(Path dir, String nameDatabase) throws IOException {
        Path file = dir.resolve(BackupFormat.fileName(nameDatabase, createdAt));
        Files.write(file, bytes());
        return file;
    }

    Path writeTo(Path dir) throws IOException {
        return writeTo(dir, "neo4j");
    }

    byte[] bytes() throws IOException {
        BackupHeader h = header();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(member((MAPPER.writeValueAsString(h.toMap()) + "\n").getBytes(StandardCharsets.UTF_8)));
        out.write(body(h.counts()));
        return withTrailer(out.toByteArray());
    }

    private byte[] body(BackupCounts counts) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(body); JsonGenerator g = JSON.createGenerator((OutputStream) gz)) {
            g.setRootValueSeparator(new SerializedString("\n"));
            for (BackupRecord r : schema) {
                RecordCodec.write(g, r);
            }
            for (BackupRecord r : nodes) {
                RecordCodec.write(g, r);
            }
            for (BackupRecord r : rels) {
                RecordCodec.write(g, r);
            }
            RecordCodec.write(g, new BackupRecord.EndRecord(counts));
            g.writeRaw('\n');
        }
        return body.toByteArray();
    }

    /**
     * A header whose {@code toolVersion} is {@code chars} characters long (a 1.5 G-character one fits in
     * about 1.5 MB): the string is spread over many identical gzip members, which a gzip reader joins.
     */
    static byte[] headerBomb(long chars) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(member("{\"format\":\"statestore-backup\",\"formatVersion\":1,\"toolVersion\":\""
                .getBytes(StandardCharsets.US_ASCII)));
        int block = 16 << 20;
        byte[] a = new byte[block];
        java.util.Arrays.fill(a, (byte) 'a');
        byte[] blockMember = member(a);
        for (long written = 0; written < chars; written += block) {
            out.write(blockMember);
        }
        out.write(member(("\",\"serverVersion\":\"5.26\",\"database\":\"neo4j\",\"createdAt\":\"2025-01-01T00:00:00Z\","
                + "\"counts\":{\"nodes\":0,\"relationships\":0,\"constraints\":0,\"indexes\":0},"
                + "\"contentDigest\":\"v1:" + "0".repeat(64) + "\"}\n").getBytes(StandardCharsets.US_ASCII)));
        out.write(member("{\"r\":\"end\",\"nodes\":0,\"relationships\":0,\"constraints\":0,\"indexes\":0}\n"
                .getBytes(StandardCharsets.US_ASCII)));
        return withTrailer(out.toByteArray());
    }

    /** One gzip member holding {@code data}, compressed as hard as deflate goes. */
    static byte[] member(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] withTrailer(byte[] content) {
        try {
            String trailer = "SSBAK-SHA256 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content)) + "\n";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(content);
            out.write(trailer.getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        } catch (java.security.NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
