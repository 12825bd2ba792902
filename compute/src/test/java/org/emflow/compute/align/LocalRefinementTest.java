package org.emflow.compute.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.image.Volume;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ImageSource;
import org.emflow.compute.recon.Projector;
import org.emflow.compute.sim.Phantom;
import org.emflow.compute.particles.InMemoryImages;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;

/** Gold-standard local refinement on projections of a phantom whose poses were perturbed. */
class LocalRefinementTest {
    private static final int N = 32;
    private static final Volume TRUTH = Phantom.create(N, 6.0);

    /** 160 noisy projections of the phantom, their exact poses and poses perturbed by ±3° and ±0.8 px. */
    private record Set(InMemoryImages loader, List<ImageRecord> exact, List<ImageRecord> perturbed) {
    }

    private static Set projections() {
        int n = N;
        Volume truth = TRUTH;
        Projector.Slicer slicer = new Projector(truth).newSlicer();
        SplittableRandom rnd = new SplittableRandom(17);
        InMemoryImages loader = new InMemoryImages("mem");
        List<ImageRecord> exact = new ArrayList<>(), perturbed = new ArrayList<>();
        float[] img = new float[n * n];
        for (int k = 0; k < 160; k++) {
            double rot = rnd.nextDouble(-180, 180), tilt = Math.toDegrees(Math.acos(rnd.nextDouble(-1, 1))), psi = rnd.nextDouble(-180, 180);
            double ox = rnd.nextDouble(-1, 1), oy = rnd.nextDouble(-1, 1);
            slicer.project(rot, tilt, psi, ox, oy, null, 6.0, null, img);
            for (int i = 0; i < img.length; i++) {
                img[i] += (float) (0.02 * rnd.nextGaussian());
            }
            ImageSource src = loader.add(img);
            ImageRecord r = new ImageRecord(src, k, "p" + k, "", 6.0, rot, tilt, psi, ox, oy, null, Double.NaN, Double.NaN, false);
            exact.add(r);
            perturbed.add(r.withPose(rot + rnd.nextDouble(-3, 3), tilt + rnd.nextDouble(-3, 3), psi + rnd.nextDouble(-3, 3),
                    ox + rnd.nextDouble(-0.8, 0.8), oy + rnd.nextDouble(-0.8, 0.8)));
        }
        return new Set(loader, exact, perturbed);
    }

    @Test
    void perturbedPosesAreRefinedAndTheMapImproves() throws Exception {
        Set set = projections();
        List<ImageRecord> exact = set.exact(), perturbed = set.perturbed();
        Volume truth = TRUTH;
        RefinementOptions o = RefinementOptions.defaults().withMaxit(2).withThreads(2).withDelta(2).withTs(1.5).withConverged(0);
        LocalRefinement.Result r = LocalRefinement.run(perturbed, set.loader(), N, 6.0, null, o, Monitor.NONE);
        double before = 0, after = 0, shiftBefore = 0, shiftAfter = 0;
        for (int i = 0; i < exact.size(); i++) {
            before += LocalRefinement.angleBetween(exact.get(i), perturbed.get(i)) / exact.size();
            after += LocalRefinement.angleBetween(exact.get(i), r.images().get(i)) / exact.size();
            shiftBefore += Math.hypot(exact.get(i).originX() - perturbed.get(i).originX(), exact.get(i).originY() - perturbed.get(i).originY()) / exact.size();
            shiftAfter += Math.hypot(exact.get(i).originX() - r.images().get(i).originX(), exact.get(i).originY() - r.images().get(i).originY()) / exact.size();
        }
        assertTrue(after < 0.5 * before, "mean pose error " + before + " deg -> " + after);
        assertTrue(shiftAfter < 0.6 * shiftBefore, "mean shift error " + shiftBefore + " px -> " + shiftAfter);
        assertEquals(3, r.steps().size(), "two refinement passes and the final reconstruction");
        assertTrue(r.steps().get(1).meanAngleChange() < r.steps().get(0).meanAngleChange(), "the second pass moves the poses less");
        double rFinal = VolumeStats.pearson(truth, r.full());
        assertTrue(rFinal > 0.95, "final map against the phantom: r = " + rFinal);
        assertEquals(exact.size(), r.images().size());
        assertEquals(exact.get(5).particle(), r.images().get(5).particle(), "images stay in order with their particle");
    }

    /** The convergence stop: iterations end once 95 % of the images move less than a pixel; each is reported first. */
    @Test
    void refinementStopsWhenTheImagesNoLongerMove() throws Exception {
        Set set = projections();
        List<LocalRefinement.Iteration> seen = new ArrayList<>();
        List<List<ImageRecord>> poses = new ArrayList<>();
        RefinementOptions o = RefinementOptions.defaults().withMaxit(8).withThreads(2).withDelta(2).withTs(1.5).withConverged(0.95);
        LocalRefinement.Result r = LocalRefinement.run(set.perturbed(), set.loader(), N, 6.0, null, o, (it, p) -> {
            seen.add(it);
            poses.add(List.copyOf(p));
        }, Monitor.NONE);
        assertTrue(r.converged(), "converged within 8 iterations");
        assertTrue(seen.size() < 8, "stopped after " + seen.size() + " iterations");
        assertEquals(r.iterations(), seen, "the listener saw every iteration");
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1, seen.get(i).number());
            assertEquals(set.exact().size(), seen.get(i).pixelErrors().length);
        }
        LocalRefinement.Iteration last = seen.get(seen.size() - 1);
        assertTrue(last.fractionConverged() >= 0.95, "last iteration: " + last.fractionConverged());
        if (seen.size() > 1) {
            assertTrue(seen.get(seen.size() - 2).fractionConverged() < 0.95, "the one before had not converged");
        }
        assertEquals(poses.get(poses.size() - 1), r.images(), "the final map is reconstructed from the last iteration's poses");
    }
}
