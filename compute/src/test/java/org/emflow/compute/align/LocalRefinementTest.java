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
    @Test
    void perturbedPosesAreRefinedAndTheMapImproves() throws Exception {
        int n = 32;
        Volume truth = Phantom.create(n, 6.0);
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
        RefinementOptions o = RefinementOptions.defaults().withMaxit(2).withThreads(2).withDelta(2).withTs(1.5);
        LocalRefinement.Result r = LocalRefinement.run(perturbed, loader, n, 6.0, null, o, Monitor.NONE);
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
}
