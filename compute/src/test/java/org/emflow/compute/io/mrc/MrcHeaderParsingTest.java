package org.emflow.compute.io.mrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files other programs write: every mode, both byte orders, extended headers, and broken files. */
class MrcHeaderParsingTest {
    @TempDir
    Path dir;

    /** A raw MRC file: header fields set by hand, then {@code data} bytes as given. */
    static byte[] rawMrc(ByteOrder order, int nx, int ny, int nz, int mode, int nsymbt, boolean stamp, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(1024 + nsymbt + data.length).order(order);
        b.putInt(0, nx).putInt(4, ny).putInt(8, nz).putInt(12, mode);
        b.putInt(28, nx).putInt(32, ny).putInt(36, nz);
        b.putFloat(40, nx * 2.5f).putFloat(44, ny * 2.5f).putFloat(48, nz * 2.5f);
        b.putInt(64, 1).putInt(68, 2).putInt(72, 3).putInt(92, nsymbt);
        b.putFloat(196, 10f).putFloat(200, -20f).putFloat(204, 30f);
        b.put(208, (byte) 'M').put(209, (byte) 'A').put(210, (byte) 'P').put(211, (byte) ' ');
        if (stamp) {
            byte s = order == ByteOrder.LITTLE_ENDIAN ? (byte) 0x44 : (byte) 0x11;
            b.put(212, s).put(213, order == ByteOrder.LITTLE_ENDIAN ? (byte) 0x41 : s);
        }
        for (int i = 0; i < nsymbt; i++) {
            b.put(1024 + i, (byte) 0x7f); // garbage that must be skipped
        }
        b.position(1024 + nsymbt);
        b.put(data);
        return b.array();
    }

    private float[] readAll(byte[] file) throws IOException {
        Path p = Files.write(dir.resolve("f.mrc"), file);
        try (MrcReader r = MrcReader.open(p)) {
            float[] out = new float[(int) (r.header().sectionValues() * r.header().nz())];
            r.readSections(0, r.header().nz(), out, 0);
            return out;
        }
    }

    @Test
    void readsEveryModeInBothByteOrdersAndSkipsTheExtendedHeader() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (boolean stamp : new boolean[] {true, false}) {
                String what = order + (stamp ? " stamped" : " unstamped");
                assertArrayEquals(new float[] {-128, -1, 0, 127},
                        readAll(rawMrc(order, 2, 2, 1, 0, 0, stamp, new byte[] {-128, -1, 0, 127})), "mode 0 " + what);
                ByteBuffer s = ByteBuffer.allocate(8).order(order).putShort((short) -32768).putShort((short) -1)
                        .putShort((short) 7).putShort((short) 32767);
                assertArrayEquals(new float[] {-32768, -1, 7, 32767},
                        readAll(rawMrc(order, 4, 1, 1, 1, 8, stamp, s.array())), "mode 1 " + what);
                assertArrayEquals(new float[] {32768, 65535, 7, 32767},
                        readAll(rawMrc(order, 4, 1, 1, 6, 0, stamp, s.array())), "mode 6 " + what);
                ByteBuffer f = ByteBuffer.allocate(8).order(order).putFloat(1.5f).putFloat(-2.25e-3f);
                assertArrayEquals(new float[] {1.5f, -2.25e-3f},
                        readAll(rawMrc(order, 1, 2, 1, 2, 80, stamp, f.array())), "mode 2 " + what);
                assertArrayEquals(new float[] {1.5f, -2.25e-3f},
                        readAll(rawMrc(order, 1, 1, 1, 4, 0, stamp, f.array())), "mode 4 (re, im) " + what);
                ByteBuffer h = ByteBuffer.allocate(4).order(order).putShort((short) 0x3c00).putShort((short) 0xc500);
                assertArrayEquals(new float[] {1f, -5f},
                        readAll(rawMrc(order, 2, 1, 1, 12, 0, stamp, h.array())), "mode 12 " + what);
            }
        }
    }

    @Test
    void headerGivesPixelSizeFromCellOverSamplingAndTheOrigin() throws IOException {
        Path p = Files.write(dir.resolve("h.mrc"), rawMrc(ByteOrder.BIG_ENDIAN, 3, 2, 1, 2, 16, true, new byte[24]));
        MrcHeader h = MrcReader.readHeader(p);
        assertEquals(ByteOrder.BIG_ENDIAN, h.byteOrder());
        assertEquals(2.5, h.pixelSize(), 1e-6);
        assertArrayEquals(new float[] {10f, -20f, 30f}, h.origin());
        assertEquals(1024 + 16, h.dataOffset());
    }

    @Test
    void imodUnsignedBytesAreReadUnsigned() throws IOException {
        byte[] f = rawMrc(ByteOrder.LITTLE_ENDIAN, 2, 1, 1, 0, 0, true, new byte[] {-1, 5});
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(152, 1146047817).putInt(156, 0);
        assertArrayEquals(new float[] {255, 5}, readAll(f));
    }

    @Test
    void stackLargerThan2GiBReadsItsLastImageByPositionedRead() throws IOException {
        int n = 1024;
        int nz = 520; // 520 x 4 MiB = 2.03 GiB of data
        Path p = dir.resolve("big.mrcs");
        byte[] header = rawMrc(ByteOrder.LITTLE_ENDIAN, n, n, nz, 2, 0, true, new byte[0]);
        long size = 1024 + 4L * n * n * nz;
        assertTrue(size > (1L << 31));
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.write(header, 0, 1024);
            raf.setLength(size); // sparse: zeros everywhere else
            ByteBuffer last = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(42.5f).putFloat(-7f);
            raf.seek(size - 8);
            raf.write(last.array());
        }
        try (MrcReader r = MrcReader.open(p)) {
            float[] img = new float[n * n];
            r.readSection(nz - 1, img);
            assertEquals(42.5f, img[n * n - 2]);
            assertEquals(-7f, img[n * n - 1]);
            assertEquals(0f, img[0]);
        } finally {
            Files.delete(p);
        }
    }

    @Test
    void truncatedFileIsRejectedNamingFileAndSizes() throws IOException {
        byte[] f = rawMrc(ByteOrder.LITTLE_ENDIAN, 4, 4, 2, 2, 0, true, new byte[4 * 4 * 4]);
        Path p = Files.write(dir.resolve("trunc.mrcs"), f);
        BadInputException e = assertThrows(BadInputException.class, () -> MrcReader.open(p));
        assertTrue(e.getMessage().contains("trunc.mrcs") && e.getMessage().contains("truncated")
                && e.getMessage().contains("1152") && e.getMessage().contains("1088"), e.getMessage());
    }

    @Test
    void fileLongerThanItsHeaderSaysIsAMismatch() throws IOException {
        byte[] f = rawMrc(ByteOrder.LITTLE_ENDIAN, 2, 2, 1, 2, 0, true, new byte[20]);
        Path p = Files.write(dir.resolve("long.mrc"), f);
        BadInputException e = assertThrows(BadInputException.class, () -> MrcReader.open(p));
        assertTrue(e.getMessage().contains("mismatch") && e.getMessage().contains("1040"), e.getMessage());
    }

    @Test
    void unsupportedModeAndShortHeaderAreRejected() throws IOException {
        Path p = Files.write(dir.resolve("mode3.mrc"), rawMrc(ByteOrder.LITTLE_ENDIAN, 1, 1, 1, 3, 0, true, new byte[4]));
        BadInputException e = assertThrows(BadInputException.class, () -> MrcReader.open(p));
        assertTrue(e.getMessage().contains("mode3.mrc") && e.getMessage().contains("unsupported MRC mode 3"), e.getMessage());
        Path q = Files.write(dir.resolve("short.mrc"), new byte[100]);
        e = assertThrows(BadInputException.class, () -> MrcReader.open(q));
        assertTrue(e.getMessage().contains("short.mrc") && e.getMessage().contains("truncated"), e.getMessage());
        BadInputException missing = assertThrows(BadInputException.class, () -> MrcReader.open(dir.resolve("none.mrc")));
        assertTrue(missing.getMessage().contains("none.mrc"));
    }
}
