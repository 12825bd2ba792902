package org.emflow.compute.align;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.particles.ImageRecord;

/**
 * SPARX's "average centring" (--center=-1, specs/sparx.md §A.8): the 3-D offset c of the particle and a common
 * 2-D offset q that explain all origin offsets best in the least-squares sense, origin_i ≈ (A_i·c)_{x,y} + q,
 * then every origin loses its share (A_i·c)_{x,y}, which moves the reconstruction's centre by −c.
 */
public final class AverageCentre {
    private AverageCentre() {
    }

    /** The fitted 3-D offset c (voxels). */
    public static double[] fit(List<ImageRecord> images) {
        DMatrixRMaj ata = new DMatrixRMaj(5, 5);
        DMatrixRMaj atb = new DMatrixRMaj(5, 1);
        double[] row = new double[5];
        for (ImageRecord r : images) {
            double[] a = Conventions.eulerMatrix(r.rot(), r.tilt(), r.psi());
            for (int axis = 0; axis < 2; axis++) {
                row[0] = a[3 * axis];
                row[1] = a[3 * axis + 1];
                row[2] = a[3 * axis + 2];
                row[3] = axis == 0 ? 1 : 0;
                row[4] = axis == 1 ? 1 : 0;
                double b = axis == 0 ? r.originX() : r.originY();
                for (int i = 0; i < 5; i++) {
                    atb.set(i, 0, atb.get(i, 0) + row[i] * b);
                    for (int j = 0; j < 5; j++) {
                        ata.set(i, j, ata.get(i, j) + row[i] * row[j]);
                    }
                }
            }
        }
        // pseudo-inverse: with few views (all about one axis) some components of c are not determined
        DMatrixRMaj pinv = new DMatrixRMaj(5, 5);
        CommonOps_DDRM.pinv(ata, pinv);
        DMatrixRMaj k = new DMatrixRMaj(5, 1);
        CommonOps_DDRM.mult(pinv, atb, k);
        return new double[] {k.get(0), k.get(1), k.get(2)};
    }

    /** The images with the projection of {@code c} taken off their origins. */
    public static List<ImageRecord> apply(List<ImageRecord> images, double[] c) {
        List<ImageRecord> out = new ArrayList<>(images.size());
        for (ImageRecord r : images) {
            double[] a = Conventions.eulerMatrix(r.rot(), r.tilt(), r.psi());
            double px = a[0] * c[0] + a[1] * c[1] + a[2] * c[2];
            double py = a[3] * c[0] + a[4] * c[1] + a[5] * c[2];
            out.add(r.withPose(r.rot(), r.tilt(), r.psi(), r.originX() - px, r.originY() - py));
        }
        return out;
    }
}
