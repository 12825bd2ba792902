package org.emflow.compute.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.InMemoryImages;
import org.junit.jupiter.api.Test;

/** The perturbation's angles and shifts have the stated distribution, whatever the views, and are reproducible. */
class PosePerturbationTest {
    @Test
    void geodesicAnglesAndShiftsFollowTheirSigmas() {
        InMemoryImages mem = new InMemoryImages("mem");
        SplittableRandom rnd = new SplittableRandom(3);
        List<ImageRecord> in = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            double tilt = i % 10 == 0 ? 0.5 : Math.toDegrees(Math.acos(rnd.nextDouble(-1, 1))); // poles too
            in.add(new ImageRecord(mem.add(new float[1]), i, "p" + i, "", 1.0, rnd.nextDouble(-180, 180), tilt,
                    rnd.nextDouble(-180, 180), 0.3, -0.2, null, Double.NaN, Double.NaN, false));
        }
        List<ImageRecord> out = PosePerturbation.apply(in, 3, 1, 7);
        double[] angles = new double[in.size()];
        double sumDx2 = 0, sumDy = 0;
        for (int i = 0; i < in.size(); i++) {
            ImageRecord a = in.get(i), b = out.get(i);
            angles[i] = Conventions.angleBetween(new double[] {a.rot(), a.tilt(), a.psi()}, new double[] {b.rot(), b.tilt(), b.psi()});
            sumDx2 += Math.pow(b.originX() - a.originX(), 2);
            sumDy += b.originY() - a.originY();
        }
        Arrays.sort(angles);
        // |N(0, 3 deg)|: median 3 * 0.6745 deg
        assertEquals(3 * 0.6745, angles[angles.length / 2], 0.1);
        assertEquals(1, Math.sqrt(sumDx2 / in.size()), 0.05);
        assertEquals(0, sumDy / in.size(), 0.05);
        assertEquals(out, PosePerturbation.apply(in, 3, 1, 7), "seeded");
        assertEquals(in.get(5).particle(), out.get(5).particle());
    }

    @Test
    void axisAngleTurnsAboutItsAxis() {
        double[] r = PosePerturbation.axisAngle(0, 0, 1, Math.PI / 2);
        assertEquals(0, r[0], 1e-12);
        assertEquals(-1, r[1], 1e-12);
        assertEquals(1, r[3], 1e-12);
        assertEquals(1, r[8], 1e-12);
    }
}
