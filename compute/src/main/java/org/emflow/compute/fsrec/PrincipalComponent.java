package org.emflow.compute.fsrec;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The first principal component of a set of images, the reference of {@code Methprealign=sequential-pca}.
 * As in the original, the images are the variables: each is centred to zero mean, their N x N covariance
 * matrix C is formed, and the component is sum_j v_j c_j with v the eigenvector of C's largest eigenvalue
 * (EJML's symmetric eigendecomposition). In effect it is a mean of the images weighted, and signed, by how
 * strongly each follows the dominant pattern, so images with reversed contrast add up instead of cancelling.
 * (The original projects the raw images on the first row of its unsorted eigenvector matrix, which mixes
 * all eigenvectors.) The scale of the result is arbitrary and its sign undetermined.
 */
final class PrincipalComponent {
    private PrincipalComponent() {
    }

    /** The first principal component of {@code images} (all of the same length), a new array. */
    static float[] first(float[][] images) {
        int n = images.length;
        int len = images[0].length;
        double[] means = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (float v : images[i]) {
                s += v;
            }
            means[i] = s / len;
        }
        DMatrixRMaj cov = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double c = covariance(images[i], means[i], images[j], means[j]);
                cov.set(i, j, c);
                cov.set(j, i, c);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(cov)) {
            throw new IllegalStateException("eigendecomposition of the " + n + " x " + n + " image covariance failed");
        }
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (eig.getEigenvalue(k).getReal() > eig.getEigenvalue(best).getReal()) {
                best = k;
            }
        }
        DMatrixRMaj v = eig.getEigenVector(best);
        float[] pc = new float[len];
        for (int i = 0; i < n; i++) {
            float w = (float) v.get(i);
            float m = (float) means[i];
            float[] img = images[i];
            for (int q = 0; q < len; q++) {
                pc[q] += w * (img[q] - m);
            }
        }
        return pc;
    }

    private static double covariance(float[] a, double meanA, float[] b, double meanB) {
        double s = 0;
        for (int q = 0; q < a.length; q++) {
            s += (a[q] - meanA) * (b[q] - meanB);
        }
        return s / a.length;
    }
}
