package org.emflow.compute.fsrec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** A 3-image series of white noise (256 x 192, anisotropic sampling) and its parameters, for the crop tests. */
final class NoiseSeries {
    private NoiseSeries() {
    }

    /** Writes the images into {@code dir}; {@code offset} is the IMAGEDATA Offset ([rows, columns]) or null. */
    static FsrParameters write(Path dir, long seed, String offset) throws IOException {
        int nx = 256;
        int ny = 192;
        Random rnd = new Random(seed);
        for (int i = 0; i < 3; i++) {
            float[] img = new float[nx * ny];
            for (int k = 0; k < img.length; k++) {
                img[k] = 1 + 0.3f * (float) rnd.nextGaussian();
            }
            FsrecFiles.writeFloats(dir.resolve(String.format("t_%03d.raw", i)), img);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("INPUT/OUTPUT.INPUTPATH", dir.toString());
        m.put("INPUT/OUTPUT.INPUTFILENAME", "t_");
        m.put("INPUT/OUTPUT.NImages", "3");
        m.put("INPUT/OUTPUT.OUTPUTFILENAME", "o");
        m.put("IMAGEDATA.Dimensions", "[" + ny + ", " + nx + "]");
        m.put("IMAGEDATA.Sampling", "[0.045, 0.042]");
        m.put("IMAGEDATA.AREA", "[48, 64]");
        if (offset != null) {
            m.put("IMAGEDATA.Offset", offset);
        }
        m.put("OPTICS.Voltage", "300");
        m.put("OPTICS.C3", "2.7E6");
        m.put("OPTICS.Semiconvergence", "0.05");
        m.put("OPTICS.Focusspread", "6");
        m.put("OPTICS.Imagespread", "20");
        m.put("OPTICS.Foci", "[-100, -90]");
        m.put("RECONSTRUCTION.Limit", "5.5");
        m.put("RECONSTRUCTION.Alignmentfilter", "[1, 4]");
        return FsrParameters.fromMap(m, dir);
    }
}
