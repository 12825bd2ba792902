package org.emflow.compute.fsc;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.emflow.compute.io.AtomicFiles;

/**
 * A Fourier shell correlation curve: value per shell s = 0 … n/2 at spatial frequency s/(n·pixelSize),
 * and the resolutions where it first drops below a threshold (searching from shell 1, since shell 0
 * is the map mean), both as the first shell below ("first below", the original's rule) and linearly
 * interpolated between the bracketing shells. When the curve never drops below, both are the Nyquist
 * resolution 2·pixelSize.
 *
 * @param frequency  1/Angstrom per shell
 * @param fsc        correlation per shell
 * @param voxels     number of Fourier voxels per shell
 * @param pixelSize  Angstrom per voxel
 */
public record FscCurve(double[] frequency, double[] fsc, long[] voxels, double pixelSize) {

    /** Resolution (Angstrom) of the first shell ≥ 1 whose FSC is below {@code threshold}. */
    public double resolutionFirstBelow(double threshold) {
        for (int s = 1; s < fsc.length; s++) {
            if (fsc[s] < threshold) {
                return 1.0 / frequency[s];
            }
        }
        return 2 * pixelSize;
    }

    /** Resolution (Angstrom) where the curve crosses {@code threshold}, interpolated linearly in frequency. */
    public double resolutionInterpolated(double threshold) {
        for (int s = 1; s < fsc.length; s++) {
            if (fsc[s] < threshold) {
                double f0 = frequency[s - 1], f1 = frequency[s];
                double v0 = fsc[s - 1], v1 = fsc[s];
                double t = v0 == v1 ? 0 : (v0 - threshold) / (v0 - v1);
                double f = f0 + Math.max(0, Math.min(1, t)) * (f1 - f0);
                return f > 0 ? 1.0 / f : Double.POSITIVE_INFINITY;
            }
        }
        return 2 * pixelSize;
    }

    /** The gold-standard resolution: interpolated crossing of 0.143 (Rosenthal &amp; Henderson 2003). */
    public double resolution0143() {
        return resolutionInterpolated(0.143);
    }

    public double resolution05() {
        return resolutionInterpolated(0.5);
    }

    /** Writes {@code shell,frequency_per_A,resolution_A,fsc,voxels} as CSV through {@link AtomicFiles}. */
    public void writeCsv(Path path, boolean overwrite) throws IOException {
        AtomicFiles.write(path, overwrite, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("shell,frequency_per_A,resolution_A,fsc,voxels\n");
                for (int s = 0; s < fsc.length; s++) {
                    double res = frequency[s] > 0 ? 1.0 / frequency[s] : Double.POSITIVE_INFINITY;
                    w.write(String.format(Locale.ROOT, "%d,%.6f,%.3f,%.6f,%d%n", s, frequency[s], res, fsc[s], voxels[s]));
                }
            }
        });
    }

    /** Reads a curve written by {@link #writeCsv}; the pixel size follows from the shells' frequencies. */
    public static FscCurve readCsv(Path path) throws IOException {
        java.util.List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().equals("shell,frequency_per_A,resolution_A,fsc,voxels")) {
            throw new org.emflow.compute.util.BadInputException(path + ":1: not an emflow FSC curve (expected header "
                    + "shell,frequency_per_A,resolution_A,fsc,voxels)");
        }
        int n = lines.size() - 1;
        double[] f = new double[n];
        double[] c = new double[n];
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            try {
                f[i] = Double.parseDouble(cells[1]);
                c[i] = Double.parseDouble(cells[3]);
                v[i] = Long.parseLong(cells[4].trim());
            } catch (RuntimeException e) {
                throw new org.emflow.compute.util.BadInputException(path + ":" + (i + 2) + ": malformed FSC row '" + lines.get(i + 1) + "'");
            }
        }
        if (n < 2 || !(f[n - 1] > 0)) {
            throw new org.emflow.compute.util.BadInputException(path + ": an FSC curve needs at least two shells");
        }
        // Shell s sits at s / (box * pixelSize), and the last shell is box / 2: pixelSize = 1 / (2 * f_last).
        return new FscCurve(f, c, v, 1.0 / (2 * f[n - 1]));
    }
}
