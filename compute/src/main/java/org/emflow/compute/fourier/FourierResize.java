package org.emflow.compute.fourier;

import org.emflow.compute.fsc.VolumeFft;
import org.emflow.compute.image.Volume;

/**
 * Resampling of a map to another box by zero-padding (or truncating) its spectrum about the origin voxel n/2,
 * keeping voxel values: the band-limited interpolation that SPARX's {@code resample}/{@code fpol} approximate.
 * The pixel size scales by n/m.
 */
public final class FourierResize {
    private FourierResize() {
    }

    /** The cubic {@code map} resampled to an m-box. */
    public static Volume cube(Volume map, int m) {
        if (!map.isCube()) {
            throw new IllegalArgumentException("resampling needs a cubic map: " + map);
        }
        int n = map.nx();
        if (m == n) {
            return map;
        }
        float[] rolled = roll(map.data(), n, -(n / 2));
        float[] f = VolumeFft.forward(rolled, n, n, n);
        float[] g = new float[Math.multiplyExact(2, Math.multiplyExact(m, m * m))];
        int h = Math.min(n, m) / 2, top = (Math.min(n, m) - 1) / 2;
        for (int kz = -h; kz <= top; kz++) {
            int sz = Math.floorMod(kz, n), dz = Math.floorMod(kz, m);
            for (int ky = -h; ky <= top; ky++) {
                int sy = Math.floorMod(ky, n), dy = Math.floorMod(ky, m);
                for (int kx = -h; kx <= top; kx++) {
                    int s = 2 * ((sz * n + sy) * n + Math.floorMod(kx, n));
                    int d = 2 * ((dz * m + dy) * m + Math.floorMod(kx, m));
                    g[d] = f[s];
                    g[d + 1] = f[s + 1];
                }
            }
        }
        float[] out = VolumeFft.inverseReal(g, m, m, m);
        // forward sums n³ voxels, inverse divides by m³: rescale so that values are kept
        float scale = (float) ((double) m * m * m / ((double) n * n * n));
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return new Volume(m, m, m, roll(out, m, m / 2), map.pixelSize() * n / m);
    }

    /** The map placed in the centre of an m-box (m ≥ n), zero around, origin voxel n/2 on m/2; same pixel size. */
    public static Volume padCentred(Volume map, int m) {
        int n = map.nx();
        if (m == n) {
            return map;
        }
        int off = m / 2 - n / 2;
        float[] out = new float[Math.multiplyExact(m, m * m)];
        float[] v = map.data();
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                System.arraycopy(v, (z * n + y) * n, out, ((z + off) * m + y + off) * m + off, n);
            }
        }
        return new Volume(m, m, m, out, map.pixelSize());
    }

    private static float[] roll(float[] v, int n, int by) {
        float[] o = new float[v.length];
        for (int z = 0; z < n; z++) {
            int rz = Math.floorMod(z + by, n);
            for (int y = 0; y < n; y++) {
                int ry = Math.floorMod(y + by, n);
                for (int x = 0; x < n; x++) {
                    o[(rz * n + ry) * n + Math.floorMod(x + by, n)] = v[(z * n + y) * n + x];
                }
            }
        }
        return o;
    }
}
