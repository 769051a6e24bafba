package org.statestore.upgrade.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Recognises a Neo4j dump file by its first bytes, before anything is loaded. */
final class DumpFile {

    private static final byte[] ZSTD_DUMP = {'D', 'Z', 'V', '1'};
    private static final byte[] GZIP = {(byte) 0x1f, (byte) 0x8b};

    private DumpFile() {
    }

    /** Throws {@link UpgradeFailure} (BAD_INPUT) unless {@code file} is a readable Neo4j dump. */
    static void check(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UpgradeFailure(UpgradeFailure.Kind.BAD_INPUT, "check input", file + " is not a file");
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 4);
            if (n == 4 && Arrays.equals(head, ZSTD_DUMP)) {
                return;
            }
            if (n >= 2 && head[0] == GZIP[0] && head[1] == GZIP[1]) {
                return;
            }
        } catch (IOException e) {
            throw new UpgradeFailure(UpgradeFailure.Kind.BAD_INPUT, "check input", "cannot read " + file + ": "
                    + e.getMessage());
        }
        throw new UpgradeFailure(UpgradeFailure.Kind.BAD_INPUT, "check input", file
                + " is not a Neo4j dump (it does not start like one written by neo4j-admin dump)");
    }
}
