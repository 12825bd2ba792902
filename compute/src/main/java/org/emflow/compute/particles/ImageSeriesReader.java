package org.emflow.compute.particles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.emflow.compute.ctf.CtfParams;
import org.emflow.compute.io.star.StarBlock;
import org.emflow.compute.io.star.StarFile;
import org.emflow.compute.io.star.StarLoop;
import org.emflow.compute.util.BadInputException;

/**
 * Reads the one-row-per-image layouts (RELION 3.0 image series, RELION 3.1+ optics + particles,
 * cisTEM) into candidates, by the columns present. Column choices, first present wins:
 * <ul>
 * <li>pixel size: rlnImagePixelSize; rlnDetectorPixelSize x 10^4 / rlnMagnification (without
 *     magnification, the detector pixel size as Angstrom, as Warp and cryoSRPNT write it); else the stack header;</li>
 * <li>shift: rlnOriginX/YAngst / pixel size; rlnOriginX/Y (pixels); else 0;</li>
 * <li>particle: rlnTomoParticleName; rlnGroupName; rlnGroupNumber (nextPYP, integer); rlnTomoName +
 *     rlnTomoParticleId; else every row is its own particle;</li>
 * <li>tomogram: rlnTomoName; rlnMicrographName; else "";</li>
 * <li>dose: _tomodrgnTotalDose; rlnMicrographPreExposure; -rlnCtfBfactor/4 ({@link TiltSeriesConventions});</li>
 * <li>tilt: _tomodrgnPseudoStageTilt (radians); rlnTomoNominalStageTiltAngle; arccos(rlnCtfScalefactor).</li>
 * </ul>
 * cisTEM: image _cisTEMOriginalImageFilename + _cisTEMPositionInStack (1-based); Euler (phi, theta,
 * psi) = RELION (rot, tilt, psi) (both ZYZ); shift: rlnOrigin = -_cisTEMX/YShift / pixel size (Frealign
 * shifts have the opposite sign to RELION origins, as in pyem's par2star); defocus 1/2/angle, phase shift in
 * degrees; dose _cisTEMTotalExposure; particle _cisTEMParticleGroup.
 */
final class ImageSeriesReader {
    private ImageSeriesReader() {
    }

    record Result(StarLayout layout, String block, List<Candidate> candidates, List<String> particleIds) {
    }

    static Result read(StarFile star) {
        StarBlock particlesOfSet = star.block("particles");
        if (particlesOfSet != null && particlesOfSet.isLoop() && particlesOfSet.loop().hasColumn("rlnTomoVisibleFrames")) {
            throw new BadInputException(star.path() + ": this is the particles star of a RELION 5 / WarpTools optimisation"
                    + " set (it has _rlnTomoVisibleFrames); read the optimisation set (*_optimisation_set.star) that names"
                    + " it and its tomograms star");
        }
        StarBlock optics = star.block("optics");
        StarBlock particles = star.block("particles");
        if (optics != null && optics.isLoop() && particles != null && particles.isLoop()) {
            MergedColumns cols = new MergedColumns(particles.loop(), optics.loop());
            return readRelion(StarLayout.RELION_3_1_OPTICS, "particles", cols);
        }
        for (StarBlock b : star.blocks()) {
            if (b.isLoop() && b.loop().hasColumn("rlnImageName")) {
                return readRelion(StarLayout.RELION_3_0_IMAGE_SERIES, b.name(), new MergedColumns(b.loop(), null));
            }
        }
        for (StarBlock b : star.blocks()) {
            if (b.isLoop() && b.loop().hasColumn("cisTEMPositionInStack")) {
                return readCistem(b.name(), b.loop());
            }
        }
        throw new BadInputException(star.path() + ": not a particle table emflow knows: no loop with _rlnImageName"
                + " or _cisTEMPositionInStack, and not an optimisation set (_rlnTomoParticlesFile)");
    }

    private static Result readRelion(StarLayout layout, String block, MergedColumns c) {
        StarLoop loop = c.particles();
        int n = c.rows();
        int imageCol = loop.requireColumn("rlnImageName");
        double[] rot = c.require("rlnAngleRot");
        double[] tilt = c.require("rlnAngleTilt");
        double[] psi = c.require("rlnAnglePsi");

        double[] px = c.doubles("rlnImagePixelSize");
        if (px == null && c.has("rlnDetectorPixelSize")) {
            px = c.doubles("rlnDetectorPixelSize").clone();
            double[] mag = c.doubles("rlnMagnification");
            if (mag != null) {
                for (int r = 0; r < n; r++) {
                    px[r] = px[r] * 1e4 / mag[r];
                }
            }
        }
        boolean angst = c.has("rlnOriginXAngst") || c.has("rlnOriginYAngst");
        double[] ox = angst ? c.doubles("rlnOriginXAngst") : c.doubles("rlnOriginX");
        double[] oy = angst ? c.doubles("rlnOriginYAngst") : c.doubles("rlnOriginY");
        if (angst && px == null) {
            throw new BadInputException(loop.source() + ": _rlnOriginXAngst/YAngst need a pixel size column"
                    + " (_rlnImagePixelSize) to convert to pixels");
        }

        String idCol = c.first("rlnTomoParticleName", "rlnGroupName", "rlnGroupNumber");
        String[] ids = c.strings(idCol);
        if (ids == null && c.has("rlnTomoName") && c.has("rlnTomoParticleId")) {
            String[] t = c.strings("rlnTomoName");
            String[] p = c.strings("rlnTomoParticleId");
            ids = new String[n];
            for (int r = 0; r < n; r++) {
                ids[r] = t[r] + "/" + p[r];
            }
        }
        String[] tomo = c.strings(c.first("rlnTomoName", "rlnMicrographName"));

        double[] dose = c.doubles("tomodrgnTotalDose");
        if (dose == null) {
            dose = c.doubles("rlnMicrographPreExposure");
        }
        if (dose == null && c.has("rlnCtfBfactor")) {
            double[] b = c.doubles("rlnCtfBfactor");
            dose = new double[n];
            for (int r = 0; r < n; r++) {
                dose[r] = TiltSeriesConventions.doseFromBfactor(b[r]);
            }
        }
        double[] tiltAngle = null;
        if (c.has("tomodrgnPseudoStageTilt")) {
            tiltAngle = c.doubles("tomodrgnPseudoStageTilt").clone();
            for (int r = 0; r < n; r++) {
                tiltAngle[r] = Math.toDegrees(tiltAngle[r]);
            }
        } else if (c.has("rlnTomoNominalStageTiltAngle")) {
            tiltAngle = c.doubles("rlnTomoNominalStageTiltAngle");
        } else if (c.has("rlnCtfScalefactor")) {
            double[] s = c.doubles("rlnCtfScalefactor");
            tiltAngle = new double[n];
            for (int r = 0; r < n; r++) {
                tiltAngle[r] = TiltSeriesConventions.tiltFromScale(s[r]);
            }
        }
        CtfParams[] ctf = relionCtf(c, n);
        double[] premult = c.doubles("rlnCtfDataAreCtfPremultiplied");

        List<Candidate> out = new ArrayList<>(n);
        ParticleNumbering particles = new ParticleNumbering();
        for (int r = 0; r < n; r++) {
            Candidate k = candidate(loop, r);
            parseImageName(loop.get(r, imageCol), loop, r, k);
            k.pixelSize = px == null ? Double.NaN : px[r];
            k.rot = rot[r];
            k.tilt = tilt[r];
            k.psi = psi[r];
            k.originX = ox == null ? 0 : angst ? ox[r] / px[r] : ox[r];
            k.originY = oy == null ? 0 : angst ? oy[r] / px[r] : oy[r];
            k.ctf = ctf == null ? null : ctf[r];
            k.dose = dose == null ? Double.NaN : dose[r];
            k.tiltAngle = tiltAngle == null ? Double.NaN : tiltAngle[r];
            k.tomogram = tomo == null ? "" : tomo[r];
            k.premultiplied = premult != null && premult[r] != 0;
            k.particle = particles.of(ids == null ? Integer.toString(r) : ids[r]);
            out.add(k);
        }
        return new Result(layout, block, out, particles.ids());
    }

    private static CtfParams[] relionCtf(MergedColumns c, int n) {
        if (!c.has("rlnDefocusU")) {
            return null;
        }
        double[] u = c.require("rlnDefocusU");
        double[] v = c.has("rlnDefocusV") ? c.doubles("rlnDefocusV") : u;
        double[] ang = c.doubles("rlnDefocusAngle");
        double[] kv = c.require("rlnVoltage");
        double[] cs = c.require("rlnSphericalAberration");
        double[] w = c.require("rlnAmplitudeContrast");
        double[] ps = c.doubles("rlnPhaseShift");
        double[] b = c.doubles("rlnCtfBfactor");
        double[] s = c.doubles("rlnCtfScalefactor");
        CtfParams[] out = new CtfParams[n];
        for (int r = 0; r < n; r++) {
            out[r] = new CtfParams(u[r], v[r], ang == null ? 0 : ang[r], kv[r], cs[r], w[r], ps == null ? 0 : ps[r],
                    b == null ? 0 : b[r], s == null ? 1 : s[r]);
        }
        return out;
    }

    /** The stack and index of an image name ({@link StarImageName}). */
    static void parseImageName(String name, StarLoop loop, int row, Candidate k) {
        int n;
        try {
            n = StarImageName.number(name);
        } catch (NumberFormatException e) {
            throw new BadInputException(loop.source() + ": line " + loop.line(row) + ", column _rlnImageName: '" + name
                    + "' is not N@stack with an integer N");
        }
        if (n < 1) {
            throw new BadInputException(loop.source() + ": line " + loop.line(row) + ", column _rlnImageName: image number "
                    + n + " in '" + name + "' must be >= 1 (STAR image numbers are 1-based)");
        }
        k.path = StarImageName.path(name);
        k.stackIndex = n - 1;
        k.bareName = name.indexOf('@') < 0;
        if (k.path.isEmpty()) {
            throw new BadInputException(loop.source() + ": line " + loop.line(row) + ", column _rlnImageName: '" + name
                    + "' names no stack");
        }
    }

    private static Result readCistem(String block, StarLoop loop) {
        MergedColumns c = new MergedColumns(loop, null);
        int n = loop.rowCount();
        int[] pos = loop.ints("cisTEMPositionInStack");
        String[] file = loop.strings(loop.requireColumn("cisTEMOriginalImageFilename"));
        double[] phi = c.require("cisTEMAnglePhi");
        double[] theta = c.require("cisTEMAngleTheta");
        double[] psi = c.require("cisTEMAnglePsi");
        double[] px = c.require("cisTEMPixelSize");
        double[] sx = c.doubles("cisTEMXShift");
        double[] sy = c.doubles("cisTEMYShift");
        CtfParams[] ctf = null;
        if (c.has("cisTEMDefocus1")) {
            double[] d1 = c.require("cisTEMDefocus1");
            double[] d2 = c.has("cisTEMDefocus2") ? c.doubles("cisTEMDefocus2") : d1;
            double[] da = c.doubles("cisTEMDefocusAngle");
            double[] kv = c.require(c.has("cisTEMMicroscopeVoltagekV") ? "cisTEMMicroscopeVoltagekV" : "cisTEMVoltage");
            double[] cs = c.require(c.has("cisTEMMicroscopeCsMM") ? "cisTEMMicroscopeCsMM" : "cisTEMCs");
            double[] w = c.require("cisTEMAmplitudeContrast");
            double[] ps = c.doubles("cisTEMPhaseShift");
            ctf = new CtfParams[n];
            for (int r = 0; r < n; r++) {
                ctf[r] = new CtfParams(d1[r], d2[r], da == null ? 0 : da[r], kv[r], cs[r], w[r], ps == null ? 0 : ps[r], 0, 1);
            }
        }
        double[] dose = c.doubles(c.first("cisTEMTotalExposure", "cisTEMPreExposure"));
        String[] groups = c.strings("cisTEMParticleGroup");
        List<Candidate> out = new ArrayList<>(n);
        ParticleNumbering particles = new ParticleNumbering();
        for (int r = 0; r < n; r++) {
            Candidate k = candidate(loop, r);
            if (pos[r] < 1) {
                throw new BadInputException(loop.source() + ": line " + loop.line(r) + ", column _cisTEMPositionInStack: "
                        + pos[r] + " must be >= 1");
            }
            k.path = file[r];
            k.stackIndex = pos[r] - 1;
            k.pixelSize = px[r];
            k.rot = phi[r];
            k.tilt = theta[r];
            k.psi = psi[r];
            k.originX = sx == null ? 0 : -sx[r] / px[r];
            k.originY = sy == null ? 0 : -sy[r] / px[r];
            k.ctf = ctf == null ? null : ctf[r];
            k.dose = dose == null ? Double.NaN : dose[r];
            k.particle = particles.of(groups == null ? Integer.toString(r) : groups[r]);
            out.add(k);
        }
        return new Result(StarLayout.CISTEM, block, out, particles.ids());
    }

    /** A candidate image for row {@code r} of a one-row-per-image loop. */
    private static Candidate candidate(StarLoop loop, int r) {
        Candidate k = new Candidate();
        k.row = r;
        k.line = loop.line(r);
        k.imageKey = r;
        return k;
    }

    /** Numbers particles 0, 1, ... in the order their ids first appear. */
    private static final class ParticleNumbering {
        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();

        int of(String id) {
            return index.computeIfAbsent(id, key -> {
                ids.add(key);
                return ids.size() - 1;
            });
        }

        List<String> ids() {
            return ids;
        }
    }
}
