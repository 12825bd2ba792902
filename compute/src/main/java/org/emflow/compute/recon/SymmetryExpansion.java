package org.emflow.compute.recon;

import java.util.ArrayList;
import java.util.List;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.geometry.PointGroup;
import org.emflow.compute.particles.ImageRecord;

/**
 * Symmetry in a reconstruction: each image is inserted once per operator S of the point group, with the view
 * A·S (a map with V(S·x) = V(x) projects along A·S as along A), which is what RELION and SPARX do. The copies keep
 * their particle, so half sets split by particle stay independent.
 */
public final class SymmetryExpansion {
    private SymmetryExpansion() {
    }

    /** The images with their symmetry mates, image by image (operator 0, the identity, first). */
    public static List<ImageRecord> expand(List<ImageRecord> images, PointGroup group) {
        if (group.order() == 1) {
            return images;
        }
        List<ImageRecord> out = new ArrayList<>(Math.multiplyExact(images.size(), group.order()));
        for (ImageRecord r : images) {
            double[] a = Conventions.eulerMatrix(r.rot(), r.tilt(), r.psi());
            out.add(r);
            for (int k = 1; k < group.order(); k++) {
                double[] e = Conventions.eulerAngles(Conventions.multiply(a, group.operator(k)));
                out.add(r.withPose(e[0], e[1], e[2], r.originX(), r.originY()));
            }
        }
        return out;
    }
}
