package org.emflow.bench;

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
 * Reads the RELION 3.1 single-optics-group STAR that {@code TiltSeriesSimulator} writes, for the benchmark
 * drivers (the product's particle table reader lives in the formats package).
 */
final class RelionStar {
    private RelionStar() {
    }

    record Table(List<ImageRecord> images, int box, double pixelSize) {
    }

    static Table read(Path star) throws IOException {
        StarFile f = StarReader.read(star);
        StarLoop optics = f.requireBlock("optics").requireLoop();
        StarLoop l = f.requireBlock("particles").requireLoop();
        double px = optics.doubles("rlnImagePixelSize")[0];
        int box = optics.ints("rlnImageSize")[0];
        double kv = optics.doubles("rlnVoltage")[0], cs = optics.doubles("rlnSphericalAberration")[0];
        double w = optics.doubles("rlnAmplitudeContrast")[0];
        String[] names = l.strings("rlnImageName"), groups = l.strings("rlnGroupName");
        double[] rot = l.doubles("rlnAngleRot"), tilt = l.doubles("rlnAngleTilt"), psi = l.doubles("rlnAnglePsi");
        double[] ox = l.doubles("rlnOriginXAngst"), oy = l.doubles("rlnOriginYAngst");
        double[] du = l.doubles("rlnDefocusU"), dv = l.doubles("rlnDefocusV"), da = l.doubles("rlnDefocusAngle");
        double[] bf = l.doubles("rlnCtfBfactor"), sc = l.doubles("rlnCtfScalefactor");
        Path dir = star.toAbsolutePath().getParent();
        Map<String, Integer> particles = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        List<ImageRecord> out = new ArrayList<>(l.rowCount());
        for (int i = 0; i < l.rowCount(); i++) {
            int at = names[i].indexOf('@');
            int index = Integer.parseInt(names[i].substring(0, at)) - 1;
            Path file = files.computeIfAbsent(names[i].substring(at + 1), dir::resolve);
            int p = particles.computeIfAbsent(groups[i], k -> particles.size());
            CtfParams ctf = new CtfParams(du[i], dv[i], da[i], kv, cs, w, 0, bf[i], sc[i]);
            out.add(new ImageRecord(new ImageSource(file, index), p, groups[i], "", px, rot[i], tilt[i], psi[i], ox[i] / px,
                    oy[i] / px, ctf, -bf[i] / 4, Math.toDegrees(Math.acos(Math.min(1, sc[i]))), false));
        }
        return new Table(out, box, px);
    }
}
