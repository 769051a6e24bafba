package org.statestore.backup.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A map from non-negative long keys (node ids) to long values, kept in memory-mapped files of a
 * {@link ScratchSpace} outside the Java heap. It is an open-addressing hash table that doubles when half
 * full, so its size follows the number of entries, never the range of the ids: a file whose ids lie far
 * apart costs what a file of dense ids costs.
 */
final class NodeIdMap implements AutoCloseable {

    /** What {@link #get} returns for a key that is not in the map. */
    static final long ABSENT = -1;

    private static final int SLOT_BYTES = 16;              // key + 1 (0 = empty), value
    private static final int SEGMENT_SHIFT = 23;           // 8 Mi slots = 128 MiB per mapping
    private static final long SEGMENT_SLOTS = 1L << SEGMENT_SHIFT;
    private static final int INITIAL_SHIFT = 12;           // 4096 slots = 64 KiB

    private final ScratchSpace scratch;
    private final String purpose;
    private Table table;
    private long size;

    NodeIdMap(ScratchSpace scratch, String purpose) {
        this.scratch = scratch;
        this.purpose = purpose;
        this.table = new Table(scratch, purpose, INITIAL_SHIFT);
    }

    long size() {
        return size;
    }

    /** Adds {@code key -> value}; false (and nothing changes) when the key is already there. */
    boolean putIfAbsent(long key, long value) {
        return insert(key, value, false);
    }

    /** Adds or replaces {@code key -> value}. */
    void put(long key, long value) {
        insert(key, value, true);
    }

    /** True when {@code key} was new; an existing key's value is replaced only when {@code replace}. */
    private boolean insert(long key, long value, boolean replace) {
        requireKey(key);
        if (size + 1 > table.capacity >>> 1) {
            grow();
        }
        if (table.insert(key + 1, value, replace)) {
            size++;
            return true;
        }
        return false;
    }

    /** The value of {@code key}, or {@link #ABSENT}. */
    long get(long key) {
        if (key < 0 || key == Long.MAX_VALUE) {
            return ABSENT;
        }
        return table.find(key + 1);
    }

    private static void requireKey(long key) {
        if (key < 0 || key == Long.MAX_VALUE) {
            throw new IllegalArgumentException("node id out of range: " + key);
        }
    }

    private void grow() {
        Table bigger = new Table(scratch, purpose, table.shift + 1);
        try {
            for (long slot = 0; slot < table.capacity; slot++) {
                long k = table.key(slot);
                if (k != 0) {
                    bigger.insert(k, table.value(slot), false);
                }
            }
        } catch (RuntimeException e) {
            bigger.close();
            throw e;
        }
        table.close();
        table = bigger;
    }

    @Override
    public void close() {
        table.close();
    }

    /** One power-of-two sized table in its own file. */
    private static final class Table {
        final int shift;
        final long capacity;
        final long mask;
        private final Path file;
        private final FileChannel channel;
        private final MappedByteBuffer[] segments;

        Table(ScratchSpace scratch, String purpose, int shift) {
            this.shift = shift;
            this.capacity = 1L << shift;
            this.mask = capacity - 1;
            try {
                file = scratch.newFile(purpose);
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                int count = (int) Math.max(1, capacity >>> SEGMENT_SHIFT);
                segments = new MappedByteBuffer[count];
                long segmentBytes = Math.min(capacity, SEGMENT_SLOTS) * SLOT_BYTES;
                for (int s = 0; s < count; s++) {
                    segments[s] = channel.map(FileChannel.MapMode.READ_WRITE, s * segmentBytes, segmentBytes);
                }
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot map a temporary id map in " + scratch.directory() + ": "
                        + BackupReader.firstLine(e), e);
            }
        }

        long key(long slot) {
            return segments[(int) (slot >>> SEGMENT_SHIFT)].getLong(offset(slot));
        }

        long value(long slot) {
            return segments[(int) (slot >>> SEGMENT_SHIFT)].getLong(offset(slot) + 8);
        }

        private static int offset(long slot) {
            return (int) ((slot & (SEGMENT_SLOTS - 1)) * SLOT_BYTES);
        }

        /** Inserts a stored key (key + 1); true when it was new. */
        boolean insert(long stored, long value, boolean replace) {
            long slot = mix(stored) & mask;
            while (true) {
                MappedByteBuffer b = segments[(int) (slot >>> SEGMENT_SHIFT)];
                int at = offset(slot);
                long k = b.getLong(at);
                if (k == 0) {
                    b.putLong(at, stored);
                    b.putLong(at + 8, value);
                    return true;
                }
                if (k == stored) {
                    if (replace) {
                        b.putLong(at + 8, value);
                    }
                    return false;
                }
                slot = (slot + 1) & mask;
            }
        }

        long find(long stored) {
            long slot = mix(stored) & mask;
            while (true) {
                MappedByteBuffer b = segments[(int) (slot >>> SEGMENT_SHIFT)];
                int at = offset(slot);
                long k = b.getLong(at);
                if (k == 0) {
                    return ABSENT;
                }
                if (k == stored) {
                    return b.getLong(at + 8);
                }
                slot = (slot + 1) & mask;
            }
        }

        /** A 64-bit finaliser (MurmurHash3's), so ids in arithmetic progressions spread over the table. */
        private static long mix(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            k *= 0xc4ceb9fe1a85ec53L;
            k ^= k >>> 33;
            return k;
        }

        void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // Temporary: nothing to save.
            }
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // The scratch directory is deleted as a whole at the end.
            }
        }
    }
}
