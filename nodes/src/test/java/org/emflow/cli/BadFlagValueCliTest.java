package org.emflow.cli;

import static org.emflow.cli.CliTest.emflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values that are input problems exit 2 and name what the user typed: the alias used, the file that is wrong. */
class BadFlagValueCliTest {
    @TempDir
    Path dir;

    private Path map(String name, int nx, int ny, int nz) throws Exception {
        Path f = dir.resolve(name);
        float[] v = new float[nx * ny * nz];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(0.37 * i);
        }
        MrcWriter.writeVolume(f, new Volume(nx, ny, nz, v, 2.0), MrcMode.FLOAT32, true);
        return f;
    }

    @Test
    void aNonFiniteNumberNamesTheAliasTheUserTyped() throws Exception {
        Path cube = map("cube.mrc", 16, 16, 16);
        Path out = dir.resolve("out");
        CliTest.Result lowpass = emflow("filter-volume", "--volume", cube.toString(), "--lowpass", "NaN", "--out-dir", out.toString());
        assertEquals(2, lowpass.code(), lowpass.err());
        assertTrue(lowpass.err().contains("--lowpass must be a finite number, not 'NaN'"), lowpass.err());
        CliTest.Result resolution = emflow("filter-volume", "--volume", cube.toString(), "--resolution=Infinity", "--out-dir", out.toString());
        assertEquals(2, resolution.code(), resolution.err());
        assertTrue(resolution.err().contains("--resolution must be a finite number, not 'Infinity'"), resolution.err());
        assertFalse(Files.exists(out), "nothing written for a bad input");
    }

    @Test
    void aMapThatIsNotCubicIsNamedByItsFile() throws Exception {
        Path flat = map("flat.mrc", 16, 16, 8);
        Path cube = map("cube.mrc", 16, 16, 16);
        CliTest.Result r = emflow("fsc", "--a", cube.toString(), "--b", flat.toString(), "--out-dir", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(flat + ": the map on input 'b' is 16 x 16 x 8 voxels, but the FSC needs a cubic map"), r.err());
    }
}
