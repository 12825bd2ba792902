package org.emflow.compute.variability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.testing.SharedData;
import org.emflow.compute.testing.VarianceScore;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;

/**
 * The shared tomoDRGN set with both classes (class E has density class D lacks): var3D must be high where E differs
 * from D ({@link VarianceScore}).
 */
class VariabilitySharedDataTest {
    static Volume read(String name) throws Exception {
        try (MrcReader r = MrcReader.open(SharedData.require("tomodrgn/" + name))) {
            return r.readVolume();
        }
    }

    /** {correlation, inside/outside} of var3D against |E − D| ({@link VarianceScore}). */
    static double[] score(Volume var) throws Exception {
        return VarianceScore.score(var, read("10076_classD_32.mrc"), read("10076_classE_32.mrc"));
    }

    static double[] run(VariabilityOptions o) throws Exception {
        Path star = SharedData.require("tomodrgn/10076_both_32_sim.star");
        List<ImageRecord> images = ParticleTableReader.read(star, ReadOptions.DEFAULT.withDataDir(star.getParent())).images();
        try (MrcImageLoader loader = new MrcImageLoader()) {
            Variability.Result r = Variability.run(images, loader, 32, 13.1, o, Monitor.NONE);
            assertEquals(13.1, r.var3D().pixelSize(), 1e-4);
            assertEquals(32, r.var3D().nx());
            return score(r.var3D());
        }
    }

    @Test
    void groupsMethodMarksTheDensityClassDLacks() throws Exception {
        // The images' SNR is 0.06: without a low-pass the noise variance buries the signal (measured: r 0.04).
        double[] s = run(VariabilityOptions.defaults().withDecimate(1).withImagesPerGroup(100).withLowPass(0.1, 0.1).withThreads(2));
        System.out.printf("tomoDRGN both classes, groups: correlation %.3f, inside/outside %.2f%n", s[0], s[1]);
        // measured: r 0.33, inside/outside 2.7
        assertTrue(s[0] > 0.25, "correlation " + s[0]);
        assertTrue(s[1] > 2.0, "inside/outside " + s[1]);
    }

    @Test
    void bootstrapMarksTheDensityClassDLacks() throws Exception {
        double[] s = run(VariabilityOptions.defaults().withDecimate(1).withMethod(VariabilityOptions.Method.BOOTSTRAP)
                .withCtf(true).withLowPass(0.15, 0.1).withThreads(2));
        System.out.printf("tomoDRGN both classes, bootstrap: correlation %.3f, inside/outside %.2f%n", s[0], s[1]);
        // measured: r 0.43, inside/outside 1.8
        assertTrue(s[0] > 0.33, "correlation " + s[0]);
        assertTrue(s[1] > 1.5, "inside/outside " + s[1]);
    }
}
