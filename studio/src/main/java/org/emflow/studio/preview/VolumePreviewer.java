package org.emflow.studio.preview;

import java.util.LinkedHashMap;
import java.util.Map;
import org.emflow.compute.image.Volume;
import org.emflow.ports.PortTypes;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.PortObject;

/**
 * Central slices of a volume through voxel (nx/2, ny/2, nz/2), the centre in the FFT convention
 * of the rest of emflow. Pictures are drawn as IMOD and ChimeraX show them: first axis to the right,
 * second axis up (so picture row 0 is the last index of the second axis).
 */
public final class VolumePreviewer implements PortPreviewer {
    @Override
    public String portTypeId() {
        return PortTypes.VOLUME.id();
    }

    @Override
    public Preview preview(PortObject object, PreviewContext context) {
        Volume v = ((VolumePortObject) object).volume();
        Map<String, Plane> images = new LinkedHashMap<>();
        images.put("xy", sliceXY(v, v.nz() / 2));
        images.put("xz", sliceXZ(v, v.ny() / 2));
        images.put("yz", sliceYZ(v, v.nx() / 2));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        float[] d = v.data();
        for (float x : d) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("nx", v.nx());
        data.put("ny", v.ny());
        data.put("nz", v.nz());
        data.put("pixelSize", v.pixelSize());
        data.put("min", min);
        data.put("max", max);
        data.put("mean", sum / d.length);
        data.put("summary", object.summary());
        return new Preview("volume", data, images);
    }

    /** XY plane at {@code z}: x to the right, y up. */
    public static Plane sliceXY(Volume v, int z) {
        int nx = v.nx();
        int ny = v.ny();
        float[] out = new float[nx * ny];
        float[] d = v.data();
        for (int y = 0; y < ny; y++) {
            System.arraycopy(d, (z * ny + y) * nx, out, (ny - 1 - y) * nx, nx);
        }
        return new Plane(nx, ny, out, Plane.Colormap.GRAY);
    }

    /** XZ plane at {@code y}: x to the right, z up. */
    public static Plane sliceXZ(Volume v, int y) {
        int nx = v.nx();
        int ny = v.ny();
        int nz = v.nz();
        float[] out = new float[nx * nz];
        float[] d = v.data();
        for (int z = 0; z < nz; z++) {
            System.arraycopy(d, (z * ny + y) * nx, out, (nz - 1 - z) * nx, nx);
        }
        return new Plane(nx, nz, out, Plane.Colormap.GRAY);
    }

    /** YZ plane at {@code x}: y to the right, z up. */
    public static Plane sliceYZ(Volume v, int x) {
        int nx = v.nx();
        int ny = v.ny();
        int nz = v.nz();
        float[] out = new float[ny * nz];
        float[] d = v.data();
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                out[(nz - 1 - z) * ny + y] = d[(z * ny + y) * nx + x];
            }
        }
        return new Plane(ny, nz, out, Plane.Colormap.GRAY);
    }
}
