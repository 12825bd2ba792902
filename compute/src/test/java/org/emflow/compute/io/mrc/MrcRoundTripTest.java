package org.emflow.compute.io.mrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.emflow.compute.image.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MrcRoundTripTest {
    @TempDir
    Path dir;

    private static Volume ramp(int nx, int ny, int nz, double px) {
        float[] d = new float[nx * ny * nz];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (Math.sin(i * 0.37) * 3 + i * 1e-3);
        }
        return new Volume(nx, ny, nz, d, px);
    }

    /** A computation's NaN, infinity, or a value beyond mode 12's range, is never written: no file, no temporary left. */
    @Test
    void nonFiniteDataAreRefusedAndNothingIsWritten() throws IOException {
        for (MrcMode mode : new MrcMode[] {MrcMode.FLOAT32, MrcMode.FLOAT16}) {
            for (float bad : new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 1e6f}) {
                if (mode == MrcMode.FLOAT32 && Float.isFinite(bad)) {
                    continue;
                }
                Volume v = ramp(6, 5, 4, 1.7);
                v.data()[6 * 5 * 2 + 6 + 3] = bad; // section 3, x 3, y 1
                Path f = dir.resolve("bad-" + mode + "-" + bad + ".mrc");
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> MrcWriter.writeVolume(f, v, mode, false));
                assertTrue(e.getMessage().contains("section 3, pixel x 3, y 1") && e.getMessage().endsWith("not written"), e.getMessage());
                assertTrue(Files.notExists(f), "no output");
            }
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "nothing left behind");
        }
    }

    @Test
    void volumeWrittenInMode2ReadsBackBitExactWithMrc2014Header() throws IOException {
        Volume v = ramp(6, 5, 4, 1.7);
        Path f = dir.resolve("v.mrc");
        MrcWriter.writeVolume(f, v, MrcMode.FLOAT32, false);

        byte[] raw = Files.readAllBytes(f);
        assertEquals(1024 + 6 * 5 * 4 * 4, raw.length);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("MAP ", new String(raw, 208, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0x44, raw[212] & 0xff);
        assertEquals(0x44, raw[213] & 0xff);
        assertEquals(20140, b.getInt(108));
        assertEquals(1, b.getInt(88), "ispg 1 for a volume");
        assertEquals(4, b.getInt(36), "mz = nz for a volume");
        assertEquals(6 * 1.7f, b.getFloat(40), 1e-5);
        assertEquals(4 * 1.7f, b.getFloat(48), 1e-5);

        DensityStats s = DensityStats.of(v.data());
        double sum = 0;
        double sq = 0;
        for (float x : v.data()) {
            sum += x;
        }
        double mean = sum / v.data().length;
        for (float x : v.data()) {
            sq += (x - mean) * (x - mean);
        }
        assertEquals(mean, b.getFloat(84), 1e-6);
        assertEquals(Math.sqrt(sq / v.data().length), b.getFloat(216), 1e-6);
        assertEquals(s.min(), b.getFloat(76), 0);
        assertEquals(s.max(), b.getFloat(80), 0);

        try (MrcReader r = MrcReader.open(f)) {
            MrcHeader h = r.header();
            assertEquals(1.7, h.pixelSize(), 1e-6);
            assertTrue(h.labels().get(0).startsWith("emflow"), h.labels().toString());
            Volume back = r.readVolume();
            assertArrayEquals(v.data(), back.data());
            float[] sec = new float[30];
            r.readSection(2, sec);
            assertEquals(v.get(3, 4, 2), sec[4 * 6 + 3]);
        }
    }

    @Test
    void float16StackStoresHalfPrecisionAndStatsOfTheStoredValues() throws IOException {
        Volume v = ramp(8, 8, 3, 12.0);
        Path f = dir.resolve("s.mrcs");
        MrcWriter.writeStack(f, v, MrcMode.FLOAT16, false);
        assertEquals(1024 + 8 * 8 * 3 * 2, Files.size(f));
        try (MrcReader r = MrcReader.open(f)) {
            assertEquals(MrcMode.FLOAT16, r.header().mode());
            assertTrue(r.header().isStack());
            assertEquals(1, r.header().mz());
            assertEquals(12.0, r.header().pixelSize(), 1e-6);
            float[] img = new float[64];
            r.readSection(1, img);
            for (int i = 0; i < 64; i++) {
                float expected = v.data()[64 + i];
                assertEquals(expected, img[i], Math.abs(expected) * 1e-3 + 1e-4, "pixel " + i);
            }
            float[] stored = new float[v.data().length];
            r.readSections(0, 3, stored, 0);
            assertEquals(DensityStats.of(stored).mean(), r.header().dmean(), 1e-6);
        }
    }

    @Test
    void float16ConversionIsExactOnRepresentableValuesAndRoundsToNearestEven() {
        assertEquals((short) 0x3c00, Float16.fromFloat(1f));
        assertEquals((short) 0xc000, Float16.fromFloat(-2f));
        assertEquals((short) 0x7bff, Float16.fromFloat(65504f));
        assertEquals((short) 0x7c00, Float16.fromFloat(65520f), "overflow to infinity");
        assertEquals((short) 0x0001, Float16.fromFloat(0x1p-24f), "smallest subnormal");
        assertEquals(0x1p-24f, Float16.toFloat(0x0001));
        assertEquals(65504f, Float16.toFloat(0x7bff));
        // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1.0)
        assertEquals((short) 0x3c00, Float16.fromFloat(1f + 0x1p-11f));
        // 1 + 3 * 2^-11 is halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even)
        assertEquals((short) 0x3c02, Float16.fromFloat(1f + 3 * 0x1p-11f));
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN))));
        for (int h = 0; h < 0x7c00; h++) {
            assertEquals((short) h, Float16.fromFloat(Float16.toFloat(h)), "half " + h);
        }
    }

    @Test
    void stackWriterStreamsImagesAndAbortLeavesNothing() throws IOException {
        Path f = dir.resolve("stream.mrcs");
        try (MrcStackWriter w = MrcStackWriter.stack(f, 4, 3, 2.0, MrcMode.FLOAT32, false)) {
            for (int k = 0; k < 5; k++) {
                float[] img = new float[12];
                java.util.Arrays.fill(img, k);
                w.append(img);
                assertTrue(!Files.exists(f), "target appears only on close");
            }
        }
        try (MrcReader r = MrcReader.open(f)) {
            assertEquals(5, r.header().nz());
            assertEquals(0f, r.header().dmin());
            assertEquals(4f, r.header().dmax());
            assertEquals(2f, r.header().dmean(), 1e-6);
            assertEquals(Math.sqrt(2.0), r.header().rms(), 1e-6);
            float[] img = new float[12];
            r.readSection(3, img);
            assertEquals(3f, img[11]);
        }
        assertThrows(FileAlreadyExistsException.class,
                () -> MrcStackWriter.stack(f, 4, 3, 2.0, MrcMode.FLOAT32, false));
        Path g = dir.resolve("aborted.mrcs");
        MrcStackWriter w = MrcStackWriter.stack(g, 4, 3, 2.0, MrcMode.FLOAT32, false);
        w.append(new float[12]);
        w.abort();
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the first stack remains");
        }
    }
}
