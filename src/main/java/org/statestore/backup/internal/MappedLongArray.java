package org.statestore.backup.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A growable array of longs, zero where never set, kept in a memory-mapped temporary file outside the
 * Java heap; the file is sparse and deleted on close. {@code backup create} uses it as a bit set of the
 * node ids it has read: those come from the database being backed up, not from a file, so an array
 * indexed by id is fine there (ids read from a file go into a {@link NodeIdMap}).
 */
final class MappedLongArray implements AutoCloseable {

    private static final int SEGMENT_SHIFT = 20;                 // 1 Mi longs = 8 MiB per segment
    private static final long SEGMENT_LONGS = 1L << SEGMENT_SHIFT;
    private static final long SEGMENT_MASK = SEGMENT_LONGS - 1;

    private final Path file;
    private final FileChannel channel;
    private final List<MappedByteBuffer> segments = new ArrayList<>();

    private MappedLongArray(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** A new, all-zero array backed by a temporary file in {@code scratch}. */
    static MappedLongArray create(ScratchSpace scratch, String purpose) {
        try {
            Path f = scratch.newFile(purpose);
            FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new MappedLongArray(f, ch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary id map", e);
        }
    }

    long get(long index) {
        int s = segmentIndex(index);
        if (s >= segments.size() || segments.get(s) == null) {
            return 0L;
        }
        return segments.get(s).getLong((int) ((index & SEGMENT_MASK) << 3));
    }

    void set(long index, long value) {
        segment(segmentIndex(index)).putLong((int) ((index & SEGMENT_MASK) << 3), value);
    }

    /** Bit {@code bit} of the array seen as a bit set. */
    boolean getBit(long bit) {
        return (get(bit >>> 6) & (1L << (bit & 63))) != 0;
    }

    void setBit(long bit) {
        long word = bit >>> 6;
        set(word, get(word) | (1L << (bit & 63)));
    }

    private static int segmentIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative index " + index);
        }
        return Math.toIntExact(index >>> SEGMENT_SHIFT);
    }

    private MappedByteBuffer segment(int s) {
        while (segments.size() <= s) {
            segments.add(null);
        }
        MappedByteBuffer b = segments.get(s);
        if (b == null) {
            try {
                b = channel.map(FileChannel.MapMode.READ_WRITE, (long) s * SEGMENT_LONGS * 8, SEGMENT_LONGS * 8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map the temporary id map " + file, e);
            }
            segments.set(s, b);
        }
        return b;
    }

    @Override
    public void close() {
        segments.clear();
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing to save: the file is temporary.
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
