package org.emflow.studio.preview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the page shows for one output port: a {@code kind} the page knows how to draw, its data
 * (serialised as JSON) and named images the server renders to PNG on request.
 *
 * <p>Kinds: {@code volume} (images xy, xz, yz), {@code fsc} (curve with thresholds), {@code table},
 * {@code images} (any labelled images, e.g. exit-wave amplitude and phase), {@code image} (a PNG file
 * by URL), {@code text}, {@code summary}.
 */
public record Preview(String kind, Map<String, Object> data, Map<String, Plane> images) {
    public Preview {
        data = new LinkedHashMap<>(data);
        images = new LinkedHashMap<>(images);
    }

    public static Preview summary(String text) {
        return new Preview("summary", Map.of("text", text), Map.of());
    }

    /** Labelled images shown side by side (e.g. {@code amplitude}, {@code phase} of an exit wave). */
    public static Preview images(Map<String, Plane> images, String caption) {
        return new Preview("images", Map.of("caption", caption, "names", List.copyOf(images.keySet())), images);
    }

    /**
     * Amplitude (grey) and phase (hue wheel, -pi..pi) of a complex 2-D image stored interleaved
     * (re, im per pixel, rows of {@code width} pixels, JTransforms' layout), e.g. an exit wave.
     * Row 0 of the array is drawn at the top.
     */
    public static Preview amplitudeAndPhase(int width, int height, float[] interleaved, String caption) {
        if (interleaved.length != 2L * width * height) {
            throw new IllegalArgumentException(interleaved.length + " floats for a complex " + width + " x " + height + " image");
        }
        float[] amp = new float[width * height];
        float[] phase = new float[width * height];
        for (int i = 0; i < amp.length; i++) {
            float re = interleaved[2 * i];
            float im = interleaved[2 * i + 1];
            amp[i] = (float) Math.hypot(re, im);
            phase[i] = (float) Math.atan2(im, re);
        }
        Map<String, Plane> m = new LinkedHashMap<>();
        m.put("amplitude", new Plane(width, height, amp, Plane.Colormap.GRAY));
        m.put("phase", new Plane(width, height, phase, Plane.Colormap.PHASE));
        return images(m, caption);
    }

    /**
     * An FSC curve: spatial frequency of each shell in 1/A, the correlation, and the resolutions in
     * A where the curve crosses 0.143 and 0.5 (null when it does not). Port types holding an FSC call
     * this with the figures their own code computed.
     */
    public static Preview fsc(double[] frequencyInvA, double[] fsc, Double resolution0143, Double resolution05) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("frequency", frequencyInvA);
        d.put("fsc", fsc);
        d.put("resolution0143", resolution0143);
        d.put("resolution05", resolution05);
        return new Preview("fsc", d, Map.of());
    }
}
