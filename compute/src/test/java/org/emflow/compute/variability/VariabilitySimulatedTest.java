package org.emflow.compute.variability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.ctf.CtfParams;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.image.Volume;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.InMemoryImages;
import org.emflow.compute.recon.Projector;
import org.emflow.compute.sim.Phantom;
import org.emflow.compute.testing.Blobs;
import org.emflow.compute.testing.VarianceScore;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;

/**
 * A two-conformation set of our own (box 48, decimated to 24): conformation B has a blob that A lacks. var3D must
 * be high on the blob and flat when all particles are alike.
 */
class VariabilitySimulatedTest {
    static final int N = 48;
    static final double PX = 2.0;

    /** The maps of the two conformations and the region where they differ. */
    static Volume[] conformations() {
        Volume a = Phantom.create(N, PX);
        Volume blob = Blobs.blob3(N, 9, -6, 5, 2.5);
        float[] b = a.data().clone();
        float scale = 1.5f * maxOf(a.data()) / maxOf(blob.data());
        for (int i = 0; i < b.length; i++) {
            b[i] += scale * blob.data()[i];
        }
        return new Volume[] { a, a.withData(b) };
    }

    private static float maxOf(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** n images, random views and shifts, half from each map (all from the first when one is given), noise σ. */
    static List<ImageRecord> simulate(InMemoryImages loader, Volume[] maps, int n, double noise, boolean ctf, long seed) {
        Projector.Slicer[] s = new Projector.Slicer[maps.length];
        for (int m = 0; m < maps.length; m++) {
            s[m] = new Projector(maps[m]).newSlicer();
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] img = new float[N * N];
        List<ImageRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double rot = rnd.nextDouble(-180, 180), tilt = Math.toDegrees(Math.acos(rnd.nextDouble(-1, 1))), psi = rnd.nextDouble(-180, 180);
            double ox = rnd.nextDouble(-2, 2), oy = rnd.nextDouble(-2, 2);
            double df = 10000 + 10000 * rnd.nextDouble();
            CtfParams c = ctf ? new CtfParams(df, df - 400, rnd.nextDouble(0, 180), 300, 2.7, 0.1, 0, 0, 1) : null;
            s[i % maps.length].project(rot, tilt, psi, ox, oy, c == null ? null : new Ctf(c), PX, null, img);
            for (int p = 0; p < img.length; p++) {
                img[p] += (float) (noise * rnd.nextGaussian());
            }
            out.add(new ImageRecord(loader.add(img), i, "p" + i, "", PX, rot, tilt, psi, ox, oy, c, Double.NaN, Double.NaN, false));
        }
        return out;
    }

    static double[] score(Volume var, Volume[] maps) {
        return VarianceScore.score(var, maps[0], maps[1]);
    }

    private static VariabilityOptions options() {
        return VariabilityOptions.defaults().withImagesPerGroup(60).withDecimate(0.5).withThreads(2);
    }

    @Test
    void groupsMethodFindsTheMissingBlob() throws Exception {
        Volume[] maps = conformations();
        InMemoryImages loader = new InMemoryImages("sim");
        List<ImageRecord> images = simulate(loader, maps, 3000, 0.5 * maxOf(projectionMax(maps[0])), false, 1);
        Variability.Result r = Variability.run(images, loader, N, PX, options().withKeep2D(true), Monitor.NONE);
        assertEquals(N, r.var3D().nx());
        assertEquals(PX, r.var3D().pixelSize(), 1e-12, "the pixel size is kept");
        assertEquals(24, r.box2D());
        assertEquals(2 * PX, r.pixelSize2D(), 1e-12);
        assertEquals(3000, r.var2D().length);
        double[] s = score(r.var3D(), maps);
        System.out.printf("groups: correlation %.3f, inside/outside %.2f%n", s[0], s[1]);
        assertTrue(s[0] > 0.4, "correlation of var3D with |B - A|: " + s[0]);
        assertTrue(s[1] > 3, "inside/outside: " + s[1]);
        assertTrue(VolumeStats.pearsonInSphere(r.ave3D(), maps[0], N / 2.0 - 4) > 0.8, "ave3D resembles the structure");
    }

    @Test
    void oneConformationGivesAFlatVariance() throws Exception {
        Volume[] maps = conformations();
        InMemoryImages loader = new InMemoryImages("sim");
        List<ImageRecord> images = simulate(loader, new Volume[] { maps[0] }, 3000, 0.5 * maxOf(projectionMax(maps[0])), false, 2);
        Variability.Result r = Variability.run(images, loader, N, PX, options(), Monitor.NONE);
        double[] s = score(r.var3D(), maps);
        System.out.printf("one conformation: correlation %.3f, inside/outside %.2f%n", s[0], s[1]);
        assertTrue(Math.abs(s[1]) < 1.8, "no region stands out: " + s[1]);
    }

    @Test
    void bootstrapFindsTheMissingBlobWithCtf() throws Exception {
        Volume[] maps = conformations();
        InMemoryImages loader = new InMemoryImages("sim");
        List<ImageRecord> images = simulate(loader, maps, 1500, 0.5 * maxOf(projectionMax(maps[0])), true, 3);
        Variability.Result r = Variability.run(images, loader, N, PX,
                options().withMethod(VariabilityOptions.Method.BOOTSTRAP).withBootstrapVolumes(12).withCtf(true).withLowPass(0.15, 0.1), Monitor.NONE);
        double[] s = score(r.var3D(), maps);
        System.out.printf("bootstrap: correlation %.3f, inside/outside %.2f%n", s[0], s[1]);
        assertTrue(s[0] > 0.3, "correlation: " + s[0]);
        assertTrue(s[1] > 2, "inside/outside: " + s[1]);
    }

    @Test
    void badInputNamesTheSetting() {
        Volume[] maps = conformations();
        InMemoryImages loader = new InMemoryImages("sim");
        List<ImageRecord> images = simulate(loader, maps, 10, 0.1, false, 4);
        BadInputException e = Assertions.assertThrows(BadInputException.class,
                () -> Variability.run(images, loader, N, PX, options(), Monitor.NONE));
        assertTrue(e.getMessage().contains("setting 'img_per_grp'"), e.getMessage());
        e = Assertions.assertThrows(BadInputException.class,
                () -> Variability.run(images, loader, N, PX, options().withImagesPerGroup(5).withWindow(64), Monitor.NONE));
        assertTrue(e.getMessage().contains("setting 'window'"), e.getMessage());
        e = Assertions.assertThrows(BadInputException.class,
                () -> Variability.run(images, loader, N, PX, options().withImagesPerGroup(5).withCtf(true), Monitor.NONE));
        assertTrue(e.getMessage().contains("--CTF"), e.getMessage());
    }

    private static float[] projectionMax(Volume map) {
        float[] img = new float[N * N];
        new Projector(map).newSlicer().project(0, 0, 0, 0, 0, null, PX, null, img);
        return img;
    }
}
