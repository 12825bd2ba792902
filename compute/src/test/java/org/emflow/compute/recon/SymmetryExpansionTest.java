package org.emflow.compute.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.geometry.PointGroup;
import org.emflow.compute.image.Volume;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.sim.Phantom;
import org.emflow.compute.particles.InMemoryImages;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;

/** A reconstruction with C4 symmetry from views of an asymmetric map is C4-symmetric, and C1 changes nothing. */
class SymmetryExpansionTest {
    /** The map turned by 90 degrees about z (about the origin voxel n/2). */
    static Volume quarterTurn(Volume v) {
        int n = v.nx();
        Volume out = v.withData(new float[v.data().length]);
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int xr = Math.floorMod(n / 2 - (y - n / 2), n), yr = Math.floorMod(n / 2 + (x - n / 2), n);
                    out.set(xr, yr, z, v.get(x, y, z));
                }
            }
        }
        return out;
    }

    @Test
    void c4ReconstructionIsFourFoldSymmetric() throws Exception {
        Volume truth = Phantom.create(24, 8.0);
        InMemoryImages loader = new InMemoryImages("mem");
        List<ImageRecord> recs = BackprojectorTest.phantomSeries(loader, truth, 40, 4, false, 9);
        BackprojectOptions o = BackprojectOptions.defaults().withCtfMode(CtfMode.NONE).withDoseWeight(false).withTiltWeight(false)
                .withThreads(2);
        List<ImageRecord> c4 = SymmetryExpansion.expand(recs, PointGroup.of("C4", PointGroup.Convention.RELION));
        assertEquals(4 * recs.size(), c4.size());
        Volume sym = Backprojector.run(c4, loader, 24, 8.0, o, Monitor.NONE).full();
        Volume plain = Backprojector.run(recs, loader, 24, 8.0, o, Monitor.NONE).full();
        double rSym = VolumeStats.pearson(sym, quarterTurn(sym));
        double rPlain = VolumeStats.pearson(plain, quarterTurn(plain));
        assertTrue(rSym > 0.99, "C4 map against its quarter turn: r = " + rSym);
        assertTrue(rPlain < 0.9, "the asymmetric map is not four-fold: r = " + rPlain);
        assertTrue(SymmetryExpansion.expand(recs, PointGroup.of("C1", PointGroup.Convention.RELION)) == recs);
    }
}
