package org.emflow.compute.fsc;

import org.jtransforms.fft.FloatFFT_3D;

/**
 * Full complex 3-D transforms of real maps with JTransforms, FFT order (index i is frequency i for
 * i &lt; (n+1)/2, else i − n), interleaved re/im, x fastest. Forward is the unnormalised sum, inverse
 * divides by the voxel count (the pair of {@link org.emflow.compute.geometry.Conventions}); the
 * origin phase is not removed here, since FSC and radial filters do not depend on it.
 */
public final class VolumeFft {
    private VolumeFft() {
    }

    public static float[] forward(float[] data, int nx, int ny, int nz) {
        float[] a = new float[Math.multiplyExact(2, data.length)];
        System.arraycopy(data, 0, a, 0, data.length);
        new FloatFFT_3D(nz, ny, nx).realForwardFull(a);
        return a;
    }

    /** Inverse of {@link #forward}; returns the real part. */
    public static float[] inverseReal(float[] spectrum, int nx, int ny, int nz) {
        new FloatFFT_3D(nz, ny, nx).complexInverse(spectrum, true);
        float[] out = new float[nx * ny * nz];
        for (int i = 0; i < out.length; i++) {
            out[i] = spectrum[2 * i];
        }
        return out;
    }
}
