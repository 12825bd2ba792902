package org.emflow.compute.io.mrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.emflow.compute.image.Volume;
import org.emflow.compute.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files of ../shared/data/tomodrgn; expected values computed independently with numpy. */
class MrcSharedDataTest {
    @TempDir
    Path dir;

    @Test
    void groundTruthVolumeWithoutMachineStampReadsAsLittleEndianFloat32() throws IOException {
        Path f = SharedData.require("tomodrgn/10076_classD_32.mrc");
        try (MrcReader r = MrcReader.open(f)) {
            MrcHeader h = r.header();
            assertEquals(ByteOrder.LITTLE_ENDIAN, h.byteOrder());
            assertEquals(MrcMode.FLOAT32, h.mode());
            assertEquals(1.0, h.pixelSize(), 1e-9);
            Volume v = r.readVolume();
            assertEquals(-1.8446093797683716, v.get(7, 5, 1), 1e-7);
            DensityStats s = DensityStats.of(v.data());
            assertEquals(-1.229905175928181, s.mean(), 1e-6);
            assertEquals(4.738827129504795, s.rms(), 1e-5);
            assertEquals(-18.34662628173828, s.min(), 0);
            assertEquals(55.1937255859375, s.max(), 0);
        }
    }

    @Test
    void simulatedStackGivesImageNByPositionAndPixelSize13_1() throws IOException {
        Path f = SharedData.require("tomodrgn/10076_classD_32_sim.mrcs");
        try (MrcReader r = MrcReader.open(f)) {
            assertEquals(576, r.sections());
            assertEquals(13.1, r.header().pixelSize(), 1e-5);
            float[] img = new float[32 * 32];
            r.readSection(575, img);
            assertEquals(3.18545294, img[32 * 32 - 3], 1e-6);
            assertEquals(7.77623653, img[32 * 32 - 1], 1e-6);
            r.readSection(1, img);
            assertEquals(-9.760894775390625, img[5 * 32 + 7], 1e-7);
        }
    }

    @Test
    void warpToolsFloat16StackReadsItsHalfPrecisionValues() throws IOException {
        Path f = SharedData.require("tomodrgn/warptools_test_4-tomos_10-ptcls_box-32_angpix-12/Unt_083/Unt_083_12.00A_000001.mrcs");
        try (MrcReader r = MrcReader.open(f)) {
            assertEquals(MrcMode.FLOAT16, r.header().mode());
            assertEquals(37, r.sections());
            assertEquals(12.0, r.header().pixelSize(), 1e-6);
            float[] all = new float[37 * 1024];
            r.readSections(0, 37, all, 0);
            assertEquals(0.10595703125, all[1024 + 5 * 32 + 7], 0);
            assertArrayEquals(new float[] {0.38671875f, -0.1206665f, 0.27075195f},
                    java.util.Arrays.copyOfRange(all, all.length - 3, all.length), 1e-7f);
            double sum = 0;
            for (float x : all) {
                sum += x;
            }
            assertEquals(-24.991790115833282, sum, 1e-6);
        }
    }

    @Test
    void realVolumeSurvivesWriteAndReadInMode2() throws IOException {
        Path f = SharedData.require("tomodrgn/warptools_test_box-32_angpix-12_reconstruct.mrc");
        Volume v;
        try (MrcReader r = MrcReader.open(f)) {
            v = r.readVolume();
        }
        assertEquals(12.0024, v.pixelSize(), 1e-4);
        Path out = dir.resolve("copy.mrc");
        MrcWriter.writeVolume(out, v, MrcMode.FLOAT32, false);
        try (MrcReader r = MrcReader.open(out)) {
            assertArrayEquals(v.data(), r.readVolume().data());
            assertEquals(v.pixelSize(), r.header().pixelSize(), 1e-5);
            assertEquals(1.7578227281722055e-05, r.header().dmean(), 1e-10);
            assertEquals(0.00037262727077043835, r.header().rms(), 1e-9);
        }
    }
}
