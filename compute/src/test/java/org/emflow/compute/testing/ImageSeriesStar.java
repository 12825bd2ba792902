package org.emflow.compute.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.emflow.compute.ctf.CtfParams;
import org.emflow.compute.io.star.StarFile;
import org.emflow.compute.io.star.StarLoop;
import org.emflow.compute.io.star.StarReader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ImageSource;

/**
 * Test-only reader of the tomoDRGN simulator's image-series STAR layout (the shared 10076 data), so the
 * reconstruction's quality tests do not wait for the particle-table reader of the formats package.
 * Stack paths resolve as dataDir/basename; dose = −rlnCtfBfactor/4; tilt = arccos(rlnCtfScalefactor).
 */
public final class ImageSeriesStar {
    private ImageSeriesStar() {
    }

    public static List<ImageRecord> read(Path star, Path dataDir) throws IOException {
        StarFile f = StarReader.read(star);
        StarLoop l = f.requireBlock("").requireLoop();
        String[] names = l.strings("rlnImageName");
        String[] groups = l.strings("rlnGroupName");
        double[] px = l.doubles("rlnDetectorPixelSize"), du = l.doubles("rlnDefocusU"), dv = l.doubles("rlnDefocusV"),
                da = l.doubles("rlnDefocusAngle"), kv = l.doubles("rlnVoltage"), cs = l.doubles("rlnSphericalAberration"),
                w = l.doubles("rlnAmplitudeContrast"), ps = l.doubles("rlnPhaseShift"), rot = l.doubles("rlnAngleRot"),
                tilt = l.doubles("rlnAngleTilt"), psi = l.doubles("rlnAnglePsi"), ox = l.doubles("rlnOriginX"),
                oy = l.doubles("rlnOriginY"), bf = l.doubles("rlnCtfBfactor"), sc = l.doubles("rlnCtfScalefactor");
        Map<String, Integer> particles = new LinkedHashMap<>();
        List<ImageRecord> out = new ArrayList<>();
        for (int i = 0; i < l.rowCount(); i++) {
            int at = names[i].indexOf('@');
            int index = Integer.parseInt(names[i].substring(0, at)) - 1;
            Path file = dataDir.resolve(Path.of(names[i].substring(at + 1)).getFileName());
            int p = particles.computeIfAbsent(groups[i], k -> particles.size());
            CtfParams ctf = new CtfParams(du[i], dv[i], da[i], kv[i], cs[i], w[i], ps[i], bf[i], sc[i]);
            out.add(new ImageRecord(new ImageSource(file, index), p, groups[i], "", px[i], rot[i], tilt[i], psi[i], ox[i], oy[i],
                    ctf, -bf[i] / 4, Math.toDegrees(Math.acos(Math.min(1, sc[i]))), false));
        }
        return out;
    }
}
