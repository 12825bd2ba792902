package org.emflow.compute.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.emflow.compute.io.index.IndexFiles;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.testing.SharedData;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;

/** Every star of ../shared/data/tomodrgn; expected values read off the files (and numpy where computed). */
class ParticleTableSharedDataTest {

    private static ParticleTable read(String name, ReadOptions o) throws IOException {
        return ParticleTableReader.read(SharedData.require("tomodrgn/" + name), o);
    }

    @Test
    void classDReads72ParticlesOf8TiltsWithFirstAndLastRowValues() throws IOException {
        ParticleTable t = read("10076_classD_32_sim.star", ReadOptions.DEFAULT);
        assertEquals(StarLayout.RELION_3_0_IMAGE_SERIES, t.layout());
        assertEquals(72, t.particleCount());
        assertEquals(576, t.imageCount());
        assertEquals(32, t.boxSize());
        assertEquals(13.1, t.pixelSize(), 1e-12);
        assertTrue(t.hasCtf());
        assertFalse(t.ctfPremultiplied());
        ImageRecord first = t.images().get(0);
        assertEquals(0, first.source().index());
        assertEquals("10076_classD_32_sim.mrcs", first.source().file().getFileName().toString());
        assertEquals("000_000000", first.particleId());
        assertEquals(0, first.particle());
        assertEquals(-45.0, first.rot());
        assertEquals(131.81032, first.tilt());
        assertEquals(105.0, first.psi());
        assertEquals(-2.672172, first.originX());
        assertEquals(-2.528634, first.originY());
        assertEquals(13099.809, first.ctf().defocusU());
        assertEquals(300.0, first.ctf().voltage());
        assertEquals(2.7, first.ctf().cs());
        assertEquals(0.1, first.ctf().ampContrast());
        assertEquals(90.0, first.ctf().phaseShift());
        assertEquals(-8.0, first.ctf().bFactor());
        assertEquals(2.0, first.dose(), "dose = -B/4");
        assertEquals(0.0, first.tiltAngle(), 1e-9);
        ImageRecord last = t.images().get(575);
        assertEquals(575, last.source().index());
        assertEquals(71, last.particle());
        assertEquals("000_000071", last.particleId());
        assertEquals(50.16616, last.rot());
        assertEquals(36.698986, last.tilt());
        assertEquals(-108.832695, last.psi());
        assertEquals(1.9171405, last.originX());
        assertEquals(2.443645, last.originY());
        assertEquals(16.0, last.dose());
        assertEquals(12.0, last.tiltAngle(), 1e-4, "arccos(0.9781476) in degrees");
        assertArrayEquals(new double[] {2, 16}, t.doseRange(), 1e-12);
    }

    @Test
    void classEReads72ParticlesOf10Tilts() throws IOException {
        ParticleTable t = read("10076_classE_32_sim.star", ReadOptions.DEFAULT);
        assertEquals(72, t.particleCount());
        assertEquals(720, t.imageCount());
        ImageRecord last = t.images().get(719);
        assertEquals(719, last.source().index());
        assertEquals(40.679333, last.rot());
        assertEquals(-2.6919858, last.originX());
        assertEquals(30.0, last.dose());
        assertEquals(15.0, last.tiltAngle(), 1e-4);
    }

    @Test
    void bothClassesResolveDataPathsWithDatadirAndSelectFirst10Last10() throws IOException {
        Path dir = SharedData.require("tomodrgn");
        ParticleTable all = read("10076_both_32_sim.star", ReadOptions.DEFAULT.withDataDir(dir));
        assertEquals(144, all.particleCount());
        assertEquals(1296, all.imageCount());
        assertEquals("10076_classE_32_sim.mrcs", all.images().get(1295).source().file().getFileName().toString());
        assertEquals(719, all.images().get(1295).source().index());

        int[] ind = IndexFiles.read(dir.resolve("ind_ptcl_first10last10.pkl"));
        ParticleTable sel = read("10076_both_32_sim.star", new ReadOptions(dir,
                Selection.ALL.withParticleIndices(ind, "ind_ptcl_first10last10.pkl")));
        assertEquals(20, sel.particleCount());
        assertEquals(10 * 8 + 10 * 10, sel.imageCount());
        assertEquals("000_000000", sel.particleIds().get(0));
        assertEquals("000_000009", sel.particleIds().get(9));
        assertEquals("001_000062", sel.particleIds().get(10), "particle 134 = class E particle 62");
        assertEquals("001_000071", sel.particleIds().get(19));
        assertEquals(19, sel.images().get(179).particle());
    }

    @Test
    void particleIndexEqualToTheParticleCountIsAnError() throws IOException {
        Path dir = SharedData.require("tomodrgn");
        int[] classD = IndexFiles.read(dir.resolve("ptcl_ind_classD.pkl")); // 0..72 on a 72-particle star
        BadInputException e = assertThrows(BadInputException.class, () -> read("10076_classD_32_sim.star",
                ReadOptions.DEFAULT.withSelection(Selection.ALL.withParticleIndices(classD, "ptcl_ind_classD.pkl"))));
        assertTrue(e.getMessage().contains("ptcl_ind_classD.pkl") && e.getMessage().contains("index 72")
                && e.getMessage().contains("72 particles (valid 0..71)"), e.getMessage());
    }

    @Test
    void warpToolsOptimisationSetGives40ParticlesIn4TomogramsAnd1430VisibleImages() throws IOException {
        ParticleTable t = read("warptools_test_4-tomos_10-ptcls_box-32_angpix-12_optimisation_set.star", ReadOptions.DEFAULT);
        assertEquals(StarLayout.RELION_5_OPTIMISATION_SET, t.layout());
        assertEquals(40, t.particleCount());
        assertEquals(1430, t.imageCount());
        assertEquals(List.of("Unt_083.tomostar", "Unt_050.tomostar", "Unt_076.tomostar", "Unt_088.tomostar"), t.tomograms());
        assertEquals(32, t.boxSize());
        assertEquals(12.0, t.pixelSize());
        assertTrue(t.ctfPremultiplied());

        ImageRecord first = t.images().get(0); // particle Unt_083/1, frame 0 invisible: first image is frame 1
        assertEquals("Unt_083/1", first.particleId());
        assertEquals(1, first.source().index());
        assertEquals(89.462, first.dose(), "pre-exposure of tilt 1 of Unt_083");
        assertEquals(25170.7, first.ctf().defocusU());
        assertEquals(26181.5, first.ctf().defocusV());
        assertEquals(121.995, first.ctf().defocusAngle());
        assertEquals(0.07, first.ctf().ampContrast());
        assertEquals(45.0, first.tiltAngle(), 0.01, "arccos(0.707)");
        // R = M_tilt · A(53.913, 104.840, -78.580), computed with numpy
        double[] expected = {0.36391028, 0.1805213, 0.91377311, 0.91295933, 0.12529334, -0.38833863,
            -0.18459309, 0.9755581, -0.11921306};
        assertArrayEquals(expected, RelionEuler.matrix(first.rot(), first.tilt(), first.psi()), 1e-6);
        assertEquals(0.0, first.originX());

        ImageRecord last = t.images().get(1429); // particle Unt_088/10, all 37 visible: frame 36
        assertEquals("Unt_088/10", last.particleId());
        assertEquals(39, last.particle());
        assertEquals(36, last.source().index());
        assertEquals("Unt_088_12.00A_000010.mrcs", last.source().file().getFileName().toString());
        assertEquals(86.906, last.dose());
        assertEquals(26286.6, last.ctf().defocusU());
        assertEquals(60.0, last.tiltAngle(), 0.01, "arccos(0.5)");
    }

    @Test
    void warpToolsImagesLoadThroughTheLoaderAsFloat16Values() throws IOException {
        ParticleTable t = read("warptools_test_4-tomos_10-ptcls_box-32_angpix-12_optimisation_set.star", ReadOptions.DEFAULT);
        try (MrcImageLoader loader = new MrcImageLoader(8)) {
            float[] img = new float[32 * 32];
            loader.read(t.images().get(0).source(), img); // frame 1 of particle 1 of Unt_083
            assertEquals(0.10595703125, img[5 * 32 + 7], 0, "numpy: section 1, row 5, column 7");
        }
    }

    @Test
    void lastTwoTomogramsSelectedByParticleIndices() throws IOException {
        Path dir = SharedData.require("tomodrgn");
        int[] ind = IndexFiles.read(dir.resolve("warptools_test_ind_last2tomos.pkl"));
        ParticleTable t = read("warptools_test_4-tomos_10-ptcls_box-32_angpix-12_optimisation_set.star",
                ReadOptions.DEFAULT.withSelection(Selection.ALL.withParticleIndices(ind, "last2")));
        assertEquals(20, t.particleCount());
        assertEquals(List.of("Unt_076.tomostar", "Unt_088.tomostar"), t.tomograms());
    }
}
