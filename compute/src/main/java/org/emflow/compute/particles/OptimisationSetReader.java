package org.emflow.compute.particles;

import org.emflow.compute.geometry.Conventions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.emflow.compute.ctf.CtfParams;
import org.emflow.compute.io.star.StarBlock;
import org.emflow.compute.io.star.StarFile;
import org.emflow.compute.io.star.StarLoop;
import org.emflow.compute.io.star.StarReader;
import org.emflow.compute.util.BadInputException;

/**
 * Reads a RELION 5 / WarpTools optimisation set (specs/tomodrgn-backproject.md section 2.1) into one
 * candidate per visible frame. Each image takes the pose, shift, defocus and dose of its own tilt,
 * looked up by (tomogram name, frame index): never by position in a concatenated array (spec 5.4, 5.5).
 * <ul>
 * <li>pose: R = M_tilt · A(rot, tilt, psi), M_tilt the 3x3 of the tilt's rlnTomoProjX/Y/Z rows; the image's
 *     Euler angles are those of R ({@link Conventions#eulerAngles});</li>
 * <li>shift (px) = first two components of M_tilt · (rlnOriginX/Y/ZAngst) / rlnImagePixelSize;</li>
 * <li>CTF: the tilt's rlnDefocusU/V/Angle and rlnCtfScalefactor, the optics group's voltage, Cs, amplitude
 *     contrast (depth-dependent defocus is not added);</li>
 * <li>dose: the tilt's rlnMicrographPreExposure; tilt angle: arccos(rlnCtfScalefactor) in degrees;</li>
 * <li>premultiplied: the optics group's rlnCtfDataAreCtfPremultiplied.</li>
 * </ul>
 */
final class OptimisationSetReader {
    static final String PARTICLES_FILE = "rlnTomoParticlesFile";
    static final String TOMOGRAMS_FILE = "rlnTomoTomogramsFile";
    private static final double ROTATION_TOLERANCE = 1e-3;

    private OptimisationSetReader() {
    }

    record Result(StarFile particlesStar, Path tomogramsStar, List<Candidate> candidates, List<String> particleIds,
                  int[] framesPerRow) {
    }

    /** True when {@code star} is an optimisation set: a key-value block naming particles and tomograms stars. */
    static boolean isOptimisationSet(StarFile star) {
        for (StarBlock b : star.blocks()) {
            if (b.hasKey(PARTICLES_FILE) && b.hasKey(TOMOGRAMS_FILE)) {
                return true;
            }
        }
        return false;
    }

    /** One tilt of one tomogram. */
    private record Tilt(double[] m, double defocusU, double defocusV, double defocusAngle, double scale,
                        double preExposure, double phaseShift) {
    }

    /** The file named by {@code key}, relative to the set's folder; a name no path can hold (NUL) is the set's error. */
    private static Path resolve(Path setPath, Path dir, StarBlock keys, String key) {
        String name = keys.requireValue(key);
        try {
            return dir.resolve(name).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadInputException(setPath + ": _" + key + " '" + name.replace("\0", "\\0") + "' is not a valid path: " + e.getReason());
        }
    }

    static Result read(Path setPath, StarFile set) throws IOException {
        StarBlock keys = set.blocks().stream().filter(b -> b.hasKey(PARTICLES_FILE)).findFirst().orElseThrow();
        Path dir = setPath.toAbsolutePath().getParent();
        Path particlesPath = resolve(setPath, dir, keys, PARTICLES_FILE);
        Path tomogramsPath = resolve(setPath, dir, keys, TOMOGRAMS_FILE);
        StarFile particlesStar = StarReader.read(particlesPath);
        StarFile tomogramsStar = StarReader.read(tomogramsPath);

        StarBlock general = particlesStar.block("general");
        if (general != null && general.hasKey("rlnTomoSubTomosAre2DStacks")
                && !"1".equals(general.value("rlnTomoSubTomosAre2DStacks").trim())) {
            throw new BadInputException(particlesPath + ": _rlnTomoSubTomosAre2DStacks is "
                    + general.value("rlnTomoSubTomosAre2DStacks") + "; emflow reads 2-D stacks of tilt images only (1)");
        }
        StarLoop particles = particlesStar.requireBlock("particles").requireLoop();
        StarBlock opticsBlock = particlesStar.block("optics");
        MergedColumns c = new MergedColumns(particles, opticsBlock == null ? null : opticsBlock.loop());
        Map<String, List<Tilt>> tilts = readTomograms(tomogramsStar, tomogramsPath);

        int n = particles.rowCount();
        String[] tomo = particles.strings("rlnTomoName");
        String[] visible = particles.strings("rlnTomoVisibleFrames");
        String[] image = particles.strings("rlnImageName");
        double[] rot = c.require("rlnAngleRot");
        double[] tiltAngle = c.require("rlnAngleTilt");
        double[] psi = c.require("rlnAnglePsi");
        double[] px = c.require("rlnImagePixelSize");
        double[] ox = c.doubles("rlnOriginXAngst");
        double[] oy = c.doubles("rlnOriginYAngst");
        double[] oz = c.doubles("rlnOriginZAngst");
        double[] kv = c.require("rlnVoltage");
        double[] cs = c.require("rlnSphericalAberration");
        double[] w = c.require("rlnAmplitudeContrast");
        double[] premult = c.doubles("rlnCtfDataAreCtfPremultiplied");
        String idCol = c.first("rlnTomoParticleName");
        String[] ids = c.strings(idCol);

        List<Candidate> out = new ArrayList<>();
        List<String> particleIds = new ArrayList<>(n);
        int[] framesPerRow = new int[n];
        long frameOffset = 0;
        for (int r = 0; r < n; r++) {
            List<Tilt> ts = tilts.get(tomo[r]);
            if (ts == null) {
                throw new BadInputException(particlesPath + ": line " + particles.line(r) + ": tomogram " + tomo[r]
                        + " has no block data_" + tomo[r] + " in " + tomogramsPath);
            }
            int[] flags = parseFrames(visible[r], particles, r);
            if (flags.length != ts.size()) {
                throw new BadInputException(particlesPath + ": line " + particles.line(r) + ": _rlnTomoVisibleFrames has "
                        + flags.length + " frames, but tomogram " + tomo[r] + " has " + ts.size() + " tilts in " + tomogramsPath);
            }
            framesPerRow[r] = flags.length;
            particleIds.add(ids == null ? Integer.toString(r) : ids[r]);
            double[] a = Conventions.eulerMatrix(rot[r], tiltAngle[r], psi[r]);
            double[] origin = {ox == null ? 0 : ox[r], oy == null ? 0 : oy[r], oz == null ? 0 : oz[r]};
            int rank = 0;
            int visibleCount = 0;
            for (int flag : flags) {
                visibleCount += flag == 1 ? 1 : 0;
            }
            for (int f = 0; f < flags.length; f++) {
                if (flags[f] != 1) {
                    continue;
                }
                Tilt t = ts.get(f);
                Candidate k = new Candidate();
                k.particle = r;
                k.row = r;
                k.line = particles.line(r);
                k.frame = f;
                k.visibleRank = rank++;
                k.frameCount = flags.length;
                k.visibleCount = visibleCount;
                k.imageKey = frameOffset + f;
                k.path = image[r];
                k.pixelSize = px[r];
                double[] angles = Conventions.eulerAngles(Conventions.multiply(t.m, a));
                k.rot = angles[0];
                k.tilt = angles[1];
                k.psi = angles[2];
                double[] m = t.m;
                k.originX = (m[0] * origin[0] + m[1] * origin[1] + m[2] * origin[2]) / px[r];
                k.originY = (m[3] * origin[0] + m[4] * origin[1] + m[5] * origin[2]) / px[r];
                k.ctf = new CtfParams(t.defocusU, t.defocusV, t.defocusAngle, kv[r], cs[r], w[r], t.phaseShift, 0, t.scale);
                k.dose = t.preExposure;
                k.tiltAngle = TiltSeriesConventions.tiltFromScale(t.scale);
                k.tomogram = tomo[r];
                k.premultiplied = premult != null && premult[r] != 0;
                out.add(k);
            }
            frameOffset += flags.length;
        }
        return new Result(particlesStar, tomogramsPath, out, particleIds, framesPerRow);
    }

    /** {@code [0,1,1,...]}: one flag per tilt. */
    static int[] parseFrames(String s, StarLoop loop, int row) {
        String t = s.trim();
        if (t.length() < 2 || t.charAt(0) != '[' || t.charAt(t.length() - 1) != ']') {
            throw new BadInputException(loop.source() + ": line " + loop.line(row) + ", column _rlnTomoVisibleFrames: '"
                    + s + "' is not a list like [0,1,1]");
        }
        String body = t.substring(1, t.length() - 1).trim();
        if (body.isEmpty()) {
            return new int[0];
        }
        String[] parts = body.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadInputException(loop.source() + ": line " + loop.line(row) + ", column _rlnTomoVisibleFrames: '"
                        + parts[i].trim() + "' (frame " + i + ") is not an integer");
            }
        }
        return out;
    }

    private static Map<String, List<Tilt>> readTomograms(StarFile star, Path path) {
        StarLoop global = star.requireBlock("global").requireLoop();
        Map<String, List<Tilt>> out = new HashMap<>();
        for (String name : global.strings("rlnTomoName")) {
            StarBlock b = star.block(name);
            if (b == null) {
                continue; // reported when a particle refers to it
            }
            StarLoop l = b.requireLoop();
            String[] px = l.strings("rlnTomoProjX");
            String[] py = l.strings("rlnTomoProjY");
            String[] pz = l.strings("rlnTomoProjZ");
            double[] du = l.finiteDoubles("rlnDefocusU");
            double[] dv = l.hasColumn("rlnDefocusV") ? l.finiteDoubles("rlnDefocusV") : du;
            double[] da = l.hasColumn("rlnDefocusAngle") ? l.finiteDoubles("rlnDefocusAngle") : new double[l.rowCount()];
            double[] sc = l.hasColumn("rlnCtfScalefactor") ? l.finiteDoubles("rlnCtfScalefactor") : null;
            double[] pre = l.finiteDoubles("rlnMicrographPreExposure");
            double[] ps = l.hasColumn("rlnPhaseShift") ? l.finiteDoubles("rlnPhaseShift") : new double[l.rowCount()];
            List<Tilt> tilts = new ArrayList<>(l.rowCount());
            for (int r = 0; r < l.rowCount(); r++) {
                double[] m = new double[9];
                vector(px[r], l, r, "rlnTomoProjX", m, 0);
                vector(py[r], l, r, "rlnTomoProjY", m, 3);
                vector(pz[r], l, r, "rlnTomoProjZ", m, 6);
                if (rotationError(m) > ROTATION_TOLERANCE) {
                    throw new BadInputException(l.source() + ": line " + l.line(r) + ": the projection matrix of this tilt"
                            + " is not a rotation (scaled or mirrored projections are not supported)");
                }
                tilts.add(new Tilt(m, du[r], dv[r], da[r], sc == null ? 1 : sc[r], pre[r], ps[r]));
            }
            out.put(name, tilts);
        }
        return out;
    }

    /** The first three entries of {@code [a,b,c,d]} into {@code m[off..off+3)}. */
    private static void vector(String s, StarLoop l, int row, String column, double[] m, int off) {
        String t = s.trim();
        String[] parts = t.length() >= 2 && t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']'
                ? t.substring(1, t.length() - 1).split(",") : new String[0];
        if (parts.length != 4) {
            throw new BadInputException(l.source() + ": line " + l.line(row) + ", column _" + column + ": '" + s
                    + "' is not a 4-vector like [a,b,c,d]");
        }
        for (int i = 0; i < 3; i++) {
            try {
                m[off + i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                m[off + i] = Double.NaN;
            }
            if (!Double.isFinite(m[off + i])) {
                throw new BadInputException(l.source() + ": line " + l.line(row) + ", column _" + column + ": '"
                        + parts[i].trim() + "' is not a finite number");
            }
        }
    }

    /** Largest deviation of {@code m} from a proper rotation (|m·mᵀ − I| and |det − 1|). */
    private static double rotationError(double[] m) {
        double err = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2];
                err = Math.max(err, Math.abs(dot - (i == j ? 1 : 0)));
            }
        }
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
        return Math.max(err, Math.abs(det - 1));
    }
}
