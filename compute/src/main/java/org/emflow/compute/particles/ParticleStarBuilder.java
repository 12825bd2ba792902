package org.emflow.compute.particles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emflow.compute.ctf.CtfParams;
import org.emflow.compute.io.star.StarBlock;
import org.emflow.compute.io.star.StarFile;
import org.emflow.compute.io.star.StarLoop;

/**
 * Builds STAR tables for images that have no input table (e.g. from a simulator), in the two layouts
 * tomography tools read most widely. Dose and tilt are written as rlnCtfBfactor = -4 x dose and
 * rlnCtfScalefactor = cos(tilt) ({@link TiltSeriesConventions}) when known, so the table reads back to
 * the same records; image names are {@code N@path} relative to the folder the star is written to.
 */
public final class ParticleStarBuilder {
    private ParticleStarBuilder() {
    }

    /** A RELION 3.1+ table: data_optics (one group per distinct optics) + data_particles. */
    public static StarFile relion31(List<ImageRecord> images, int boxSize, Path starFolder) {
        Map<List<Object>, Integer> groups = new LinkedHashMap<>();
        StarLoop.Builder optics = StarLoop.builder(List.of("rlnOpticsGroup", "rlnOpticsGroupName", "rlnImagePixelSize",
                "rlnImageSize", "rlnImageDimensionality", "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast",
                "rlnCtfDataAreCtfPremultiplied"));
        StarLoop.Builder particles = StarLoop.builder(List.of("rlnImageName", "rlnTomoName", "rlnTomoParticleName",
                "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst", "rlnDefocusU",
                "rlnDefocusV", "rlnDefocusAngle", "rlnPhaseShift", "rlnCtfBfactor", "rlnCtfScalefactor",
                "rlnOpticsGroup"));
        for (ImageRecord r : images) {
            CtfParams c = ctfOrNeutral(r);
            List<Object> key = List.of(r.pixelSize(), c.voltage(), c.cs(), c.ampContrast(), r.ctfPremultiplied());
            int group = groups.computeIfAbsent(key, k -> {
                int g = groups.size() + 1;
                optics.addRow(Integer.toString(g), "opticsGroup" + g, num(r.pixelSize()), Integer.toString(boxSize), "2",
                        num(c.voltage()), num(c.cs()), num(c.ampContrast()), r.ctfPremultiplied() ? "1" : "0");
                return g;
            });
            particles.addRow(imageName(r, starFolder), r.tomogram().isEmpty() ? "." : r.tomogram(), r.particleId(),
                    num(r.rot()), num(r.tilt()), num(r.psi()), num(r.originX() * r.pixelSize()),
                    num(r.originY() * r.pixelSize()), num(c.defocusU()), num(c.defocusV()), num(c.defocusAngle()),
                    num(c.phaseShift()), num(bFactor(r, c)), num(scale(r, c)), Integer.toString(group));
        }
        return new StarFile(null, List.of(StarBlock.ofLoop("optics", optics.build()),
                StarBlock.ofLoop("particles", particles.build())));
    }

    /** A RELION 3.0 single-block image series with tomoDRGN cryoSRPNT's columns (rlnGroupName = particle). */
    public static StarFile relion30(List<ImageRecord> images, Path starFolder) {
        boolean tomograms = images.stream().anyMatch(r -> !r.tomogram().isEmpty());
        List<String> cols = new ArrayList<>(List.of("rlnImageName", "rlnDetectorPixelSize", "rlnDefocusU", "rlnDefocusV",
                "rlnDefocusAngle", "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast", "rlnPhaseShift",
                "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginX", "rlnOriginY", "rlnCtfBfactor",
                "rlnCtfScalefactor", "rlnGroupName"));
        if (tomograms) {
            cols.add("rlnTomoName");
        }
        boolean premultiplied = images.stream().anyMatch(ImageRecord::ctfPremultiplied);
        if (premultiplied) {
            cols.add("rlnCtfDataAreCtfPremultiplied");
        }
        StarLoop.Builder b = StarLoop.builder(cols);
        for (ImageRecord r : images) {
            CtfParams c = ctfOrNeutral(r);
            List<String> row = new ArrayList<>(List.of(imageName(r, starFolder), num(r.pixelSize()), num(c.defocusU()),
                    num(c.defocusV()), num(c.defocusAngle()), num(c.voltage()), num(c.cs()), num(c.ampContrast()),
                    num(c.phaseShift()), num(r.rot()), num(r.tilt()), num(r.psi()), num(r.originX()), num(r.originY()),
                    num(bFactor(r, c)), num(scale(r, c)), r.particleId()));
            if (tomograms) {
                row.add(r.tomogram().isEmpty() ? "." : r.tomogram());
            }
            if (premultiplied) {
                row.add(r.ctfPremultiplied() ? "1" : "0");
            }
            b.addRow(row.toArray(String[]::new));
        }
        return new StarFile(null, List.of(StarBlock.ofLoop("", b.build())));
    }

    private static CtfParams ctfOrNeutral(ImageRecord r) {
        return r.ctf() != null ? r.ctf() : new CtfParams(0, 0, 0, 300, 2.7, 0.1, 0, 0, 1);
    }

    private static double bFactor(ImageRecord r, CtfParams c) {
        return Double.isNaN(r.dose()) ? c.bFactor() : TiltSeriesConventions.bFactorFromDose(r.dose());
    }

    private static double scale(ImageRecord r, CtfParams c) {
        return Double.isNaN(r.tiltAngle()) ? c.scale() : TiltSeriesConventions.scaleFromTilt(r.tiltAngle());
    }

    /** {@code N@path}, N 1-based, path relative to {@code starFolder} where possible. */
    static String imageName(ImageRecord r, Path starFolder) {
        return StarImageName.format(r.source().index(), relative(r.source().file(), starFolder));
    }

    static String relative(Path file, Path folder) {
        Path f = file.toAbsolutePath().normalize();
        Path d = folder.toAbsolutePath().normalize();
        try {
            return d.relativize(f).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return f.toString();
        }
    }

    /** Shortest round-trip decimal; nan and inf as RELION writes them. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
