package org.emflow.compute.testing;

import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.image.Volume;

/**
 * How well a 3-D variance map marks where two conformations differ: the Pearson correlation of var3D with |B − A|
 * inside a sphere, and the mean of var3D where |B − A| is above half its maximum over the mean |var3D| elsewhere in
 * the sphere (1 or less: nothing stands out).
 */
public final class VarianceScore {
    private VarianceScore() {
    }

    /** {correlation, inside/outside} within radius box/2 − 4 of the centre. */
    public static double[] score(Volume var, Volume a, Volume b) {
        int n = a.nx();
        float[] diff = new float[a.data().length];
        float max = 0;
        for (int i = 0; i < diff.length; i++) {
            diff[i] = Math.abs(b.data()[i] - a.data()[i]);
            max = Math.max(max, diff[i]);
        }
        double in = 0, out = 0;
        int nin = 0, nout = 0, c = n / 2;
        double r = n / 2.0 - 4;
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    if ((x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c) > r * r) {
                        continue;
                    }
                    int i = (z * n + y) * n + x;
                    if (diff[i] > 0.5 * max) {
                        in += var.data()[i];
                        nin++;
                    } else {
                        out += Math.abs(var.data()[i]);
                        nout++;
                    }
                }
            }
        }
        return new double[] { VolumeStats.pearsonInSphere(var, var.withData(diff), r), (in / nin) / (out / nout) };
    }
}
