package org.emflow.studio.preview;

import org.emflow.compute.plot.VolumeSlices;
import java.util.LinkedHashMap;
import java.util.Map;
import org.emflow.compute.image.Volume;
import org.emflow.ports.PortTypes;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.PortObject;

/**
 * Central slices of a volume ({@link VolumeSlices}: through the origin voxel, drawn as IMOD and
 * ChimeraX show them).
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
        images.put("xy", plane(VolumeSlices.xy(v, v.nz() / 2)));
        images.put("xz", plane(VolumeSlices.xz(v, v.ny() / 2)));
        images.put("yz", plane(VolumeSlices.yz(v, v.nx() / 2)));
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

    private static final java.util.regex.Pattern SLICE = java.util.regex.Pattern.compile("(xy|xz|yz)-(\\d{1,6})");

    /** The slice named {@code xy-K} (z = K), {@code xz-K} (y = K) or {@code yz-K} (x = K) of {@code v}; null for another name or K. */
    public static Plane slice(Volume v, String name) {
        java.util.regex.Matcher m = SLICE.matcher(name);
        if (!m.matches()) {
            return null;
        }
        int k = Integer.parseInt(m.group(2));
        return switch (m.group(1)) {
            case "xy" -> k < v.nz() ? plane(VolumeSlices.xy(v, k)) : null;
            case "xz" -> k < v.ny() ? plane(VolumeSlices.xz(v, k)) : null;
            default -> k < v.nx() ? plane(VolumeSlices.yz(v, k)) : null;
        };
    }

    private static Plane plane(VolumeSlices s) {
        return new Plane(s.width(), s.height(), s.values(), Plane.Colormap.GRAY);
    }
}
