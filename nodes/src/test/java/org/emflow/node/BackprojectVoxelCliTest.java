package org.emflow.node;

import static org.emflow.node.NodeTestSupport.emflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.fsc.Fsc;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drop-in for tomoDRGN backproject_voxel on the shared class-D data, against the original's anchor figures. */
class BackprojectVoxelCliTest {
    @TempDir
    Path dir;

    static Volume read(Path p) throws Exception {
        try (MrcReader r = MrcReader.open(p)) {
            return r.readVolume();
        }
    }

    @Test
    void classDBeatsTheOriginalOnCorrelationWithTheTruthAndWritesAllOutputs() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        Volume truth = read(star.resolveSibling("10076_classD_32.mrc"));
        Path out = dir.resolve("classD.mrc");
        NodeTestSupport.Result r = emflow("backproject-voxel", star.toString(), "-o", out.toString(), "--uninvert-data",
                "--recon-dose-weight", "--recon-tilt-weight", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Map-map FSC falls below correlation 0.143 at resolution"), r.out());
        for (String suffix : new String[] {".mrc", "_filt.mrc", "_half1.mrc", "_half2.mrc", "_FSC.csv", "_FSC.png", "_slices.png"}) {
            assertTrue(Files.exists(dir.resolve("classD" + suffix)), suffix);
        }
        Volume full = read(out);
        assertEquals(13.1, full.pixelSize(), 1e-3, "MRC written with the star's pixel size");
        double rFull = VolumeStats.pearson(full, truth);
        double rFilt = VolumeStats.pearson(read(dir.resolve("classD_filt.mrc")), truth);
        // tomoDRGN: r = 0.41 (full) and 0.70 (filtered); RELION 3.1: 0.38 (spec section 3).
        assertTrue(rFull > 0.75, "full map r = " + rFull);
        assertTrue(rFilt > 0.78, "filtered map r = " + rFilt);
        // tomoDRGN's FSC against the truth falls below 0.143 at about 35 A.
        double res = Fsc.compute(full, truth.withPixelSize(13.1), null).resolutionFirstBelow(0.143);
        assertTrue(res < 35, "FSC vs truth < 0.143 at " + res + " A");
    }

    /** A NaN pixel or a non-finite angle is bad input named where it is (exit 2), and no map appears. */
    @Test
    void nonFiniteInputsAreRefusedWhereTheyEnter() throws Exception {
        Path star = dir.resolve("sim/sim.star");
        assertEquals(0, emflow("simulate-tilt-series", "--box", "16", "--particles", "6", "--tilts", "0", "--snr", "0", "-o",
                star.toString()).code());
        Path stack = dir.resolve("sim/sim_00001.mrcs");
        try (var ch = java.nio.channels.FileChannel.open(stack, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(0, Float.NaN),
                    1024 + 4L * (16 * 16 * 3 + 16 * 2 + 5)); // image 4, x 5, y 2
        }
        NodeTestSupport.Result r = emflow("backproject-voxel", star.toString(), "-o", dir.resolve("nan.mrc").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(stack + ": section 4 (1-based) holds NaN at pixel x 5, y 2"), r.err());
        assertTrue(Files.notExists(dir.resolve("nan.mrc")) && Files.notExists(dir.resolve("nan_FSC.csv")));

        String text = Files.readString(star);
        String[] lines = text.split("\n");
        int row = -1;
        for (int k = 0; k < lines.length; k++) {
            if (lines[k].startsWith("2@")) {
                row = k;
            }
        }
        String[] f = lines[row].split(" ");
        f[4] = "inf"; // rlnAngleTilt
        lines[row] = String.join(" ", f);
        Path bad = dir.resolve("sim/inf.star");
        Files.writeString(bad, String.join("\n", lines) + "\n");
        r = emflow("backproject-voxel", bad.toString(), "-o", dir.resolve("inf.mrc").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("line " + (row + 1) + ", column _rlnAngleTilt (#5): 'inf' is not a finite number"), r.err());
        assertTrue(Files.notExists(dir.resolve("inf.mrc")));
    }

    @Test
    void existingOutputsAreNotOverwrittenWithoutForce() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        Path out = dir.resolve("x.mrc");
        Files.writeString(dir.resolve("x_FSC.csv"), "mine");
        NodeTestSupport.Result r = emflow("backproject-voxel", star.toString(), "-o", out.toString(), "--uninvert-data");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("x_FSC.csv"), r.err());
        assertEquals("mine", Files.readString(dir.resolve("x_FSC.csv")));
        assertTrue(!Files.exists(out));
    }

    @Test
    void ctfCorrectionWithoutCtfColumnsIsBadInputAndWritesNothing() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        // The class-D table without its CTF columns: image, angles, origins, particle.
        int[] keep = {0, 9, 10, 11, 12, 13, 16};
        String[] names = {"rlnImageName", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginX", "rlnOriginY", "rlnGroupName"};
        StringBuilder t = new StringBuilder("data_\n\nloop_\n");
        for (int i = 0; i < names.length; i++) {
            t.append('_').append(names[i]).append(" #").append(i + 1).append('\n');
        }
        for (String line : Files.readAllLines(star)) {
            if (line.contains("@data/")) {
                String[] f = line.trim().split("\\s+");
                for (int k : keep) {
                    t.append(k == 0 ? f[0].replace("data/", star.getParent() + "/") : f[k]).append(' ');
                }
                t.append('\n');
            }
        }
        Path noCtf = dir.resolve("noctf.star");
        Files.writeString(noCtf, t.toString());
        NodeTestSupport.Result r = emflow("backproject-voxel", noCtf.toString(), "-o", dir.resolve("c.mrc").toString(), "--ctf", "wiener");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("CTF"), r.err());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "nothing written");
        }
        NodeTestSupport.Result none = emflow("backproject-voxel", noCtf.toString(), "-o", dir.resolve("c.mrc").toString(), "--ctf", "none",
                "--uninvert-data");
        assertEquals(0, none.code(), none::toString);
    }
}
