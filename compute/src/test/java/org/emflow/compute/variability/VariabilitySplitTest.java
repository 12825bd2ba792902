package org.emflow.compute.variability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.ctf.CtfParams;
import org.emflow.compute.image.Volume;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.InMemoryImages;
import org.emflow.compute.recon.Projector;
import org.emflow.compute.sim.Phantom;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parts and a merge give what one run gives, bit for bit, for every method and any number of parts. */
class VariabilitySplitTest {
    static final int N = 24;
    static final double PX = 3.0;

    @TempDir
    Path dir;

    /** 90 images of the phantom, 3 per particle, random views, shifts and CTF, a little noise. */
    private static List<ImageRecord> images(InMemoryImages loader) {
        Projector.Slicer s = new Projector(Phantom.create(N, PX)).newSlicer();
        SplittableRandom rnd = new SplittableRandom(5);
        float[] img = new float[N * N];
        List<ImageRecord> out = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            double rot = rnd.nextDouble(-180, 180), tilt = Math.toDegrees(Math.acos(rnd.nextDouble(-1, 1))), psi = rnd.nextDouble(-180, 180);
            double ox = rnd.nextDouble(-2, 2), oy = rnd.nextDouble(-2, 2), df = 10000 + 10000 * rnd.nextDouble();
            CtfParams c = new CtfParams(df, df - 400, rnd.nextDouble(0, 180), 300, 2.7, 0.1, 0, 0, 1);
            s.project(rot, tilt, psi, ox, oy, new Ctf(c), PX, null, img);
            for (int p = 0; p < img.length; p++) {
                img[p] += (float) (0.02 * rnd.nextGaussian());
            }
            out.add(new ImageRecord(loader.add(img), i / 3, "p" + i / 3, "", PX, rot, tilt, psi, ox, oy, c, Double.NaN, Double.NaN, false));
        }
        return out;
    }

    private List<VariabilitySplit.PartResult> parts(List<ImageRecord> images, InMemoryImages loader, VariabilityOptions o, int parts,
                                                    String tag, List<Path> folders) throws Exception {
        List<VariabilitySplit.PartResult> results = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            Path f = Files.createDirectories(dir.resolve(tag + "-" + parts + "-part" + k));
            results.add(VariabilitySplit.runPart(images, loader, N, PX, o.withThreads(1), k, parts, f, false, Monitor.NONE));
            folders.add(f);
        }
        return results;
    }

    @Test
    void partsAndMergeGiveTheResultOfOneRun() throws Exception {
        InMemoryImages loader = new InMemoryImages("sim");
        List<ImageRecord> images = images(loader);
        VariabilityOptions base = VariabilityOptions.defaults().withImagesPerGroup(10).withDecimate(0.5).withKeep2D(true).withThreads(2);
        Object[][] cases = {
            { "groups", base },
            { "groups-ctf-c2", base.withCtf(true).withLowPass(0.2, 0.1).withSymmetry("c2").withWindow(20).withKeep2D(false) },
            { "bootstrap", base.withMethod(VariabilityOptions.Method.BOOTSTRAP).withBootstrapVolumes(4).withCtf(true) },
            { "var-input", base.withVarianceInput(true) },
        };
        // 1 and 3 parts of the 90 images; more parts than units on the first 8 particles (24 images)
        List<ImageRecord> few = images.subList(0, 24);
        for (Object[] c : cases) {
            String tag = (String) c[0];
            VariabilityOptions o = (VariabilityOptions) c[1];
            Variability.Result expected = Variability.run(images, loader, N, PX, o, Monitor.NONE);
            Variability.Result expectedFew = Variability.run(few, loader, N, PX, o, Monitor.NONE);
            int fewUnits = VariabilitySplit.units(o, few.size());
            for (int parts : new int[] { 1, 3, fewUnits + 2 }) {
                List<ImageRecord> set = parts > 3 ? few : images;
                List<Path> folders = new ArrayList<>();
                List<VariabilitySplit.PartResult> done = parts(set, loader, o, parts, tag, folders);
                Variability.Result got = VariabilitySplit.merge(set, N, PX, o, folders, Monitor.NONE);
                String what = tag + ", " + parts + " parts";
                assertSame(parts > 3 ? expectedFew : expected, got, what);
                if (parts == 3 && tag.equals("groups")) {
                    // each part reads only the images of its band's groups
                    for (VariabilitySplit.PartResult r : done) {
                        assertTrue(r.imagesRead() < images.size(), what + ": part " + r.part() + " read " + r.imagesRead());
                    }
                }
                long empty = done.stream().filter(r -> r.end() == r.first()).count();
                assertEquals(Math.max(0, parts - VariabilitySplit.units(o, set.size())), empty, what + ": empty parts");
            }
        }
    }

    @Test
    void partsOfAnotherSplitOrRunAreRefused() throws Exception {
        InMemoryImages loader = new InMemoryImages("sim");
        List<ImageRecord> images = images(loader);
        VariabilityOptions o = VariabilityOptions.defaults().withImagesPerGroup(10).withDecimate(0.5);
        List<Path> folders = new ArrayList<>();
        parts(images, loader, o, 3, "good", folders);
        assertThrows(BadInputException.class, () -> VariabilitySplit.merge(images, N, PX, o, List.of(folders.get(1), folders.get(0),
                folders.get(2)), Monitor.NONE));
        assertThrows(BadInputException.class, () -> VariabilitySplit.merge(images, N, PX, o, folders.subList(0, 2), Monitor.NONE));
        assertThrows(BadInputException.class, () -> VariabilitySplit.merge(images, N, PX, o.withImagesPerGroup(11), folders, Monitor.NONE));
        List<ImageRecord> moved = new ArrayList<>(images);
        moved.set(7, moved.get(7).withPose(1, 2, 3, 0, 0));
        assertThrows(BadInputException.class, () -> VariabilitySplit.merge(moved, N, PX, o, folders, Monitor.NONE));
        Files.delete(folders.get(1).resolve(VariabilitySplit.VAR_2D));
        assertThrows(BadInputException.class, () -> VariabilitySplit.merge(images, N, PX, o, folders, Monitor.NONE));
    }

    private static void assertSame(Variability.Result a, Variability.Result b, String what) {
        assertBits(a.var3D(), b.var3D(), what + ": var3D");
        if (a.ave3D() == null) {
            assertNull(b.ave3D(), what);
        } else {
            assertBits(a.ave3D(), b.ave3D(), what + ": ave3D");
        }
        assertEquals(a.groups(), b.groups(), what + ": groups");
        assertEquals(a.box2D(), b.box2D(), what);
        assertEquals(a.pixelSize2D(), b.pixelSize2D(), what);
        for (float[][][] m : new float[][][][] { { a.ave2D(), b.ave2D() }, { a.var2D(), b.var2D() } }) {
            if (m[0] == null) {
                assertNull(m[1], what);
                continue;
            }
            assertEquals(m[0].length, m[1].length, what);
            for (int i = 0; i < m[0].length; i++) {
                assertBits(m[0][i], m[1][i], what + ": 2-D map " + i);
            }
        }
    }

    private static void assertBits(Volume a, Volume b, String what) {
        assertEquals(a.nx(), b.nx(), what);
        assertEquals(a.pixelSize(), b.pixelSize(), what);
        assertBits(a.data(), b.data(), what);
    }

    private static void assertBits(float[] a, float[] b, String what) {
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                throw new AssertionError(what + ": value " + i + ": " + a[i] + " != " + b[i]);
            }
        }
    }
}
