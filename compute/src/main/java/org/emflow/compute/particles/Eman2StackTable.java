package org.emflow.compute.particles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emflow.compute.io.hdf.Eman2HdfStack;
import org.emflow.compute.io.star.StarBlock;
import org.emflow.compute.io.star.StarFile;
import org.emflow.compute.io.star.StarLoop;
import org.emflow.compute.util.BadInputException;

/**
 * An EMAN2/SPARX HDF particle stack as a particle table: one particle per image, poses from each image's
 * {@code EMAN.xform.projection} (RELION conventions, {@link Eman2HdfStack}), pixel size from {@code EMAN.apix_x}, no
 * CTF (EMAN2's CTF objects are not read). The table's star is a RELION 3.0 image series naming {@code N@stack.hdf}
 * without CTF columns, so stored and reloaded it says the same.
 */
final class Eman2StackTable {
    private Eman2StackTable() {
    }

    static ParticleTable read(Path file, ReadOptions options) throws IOException {
        if (!options.selection().isAll()) {
            throw new BadInputException(file + ": image and particle selections apply to STAR files; select the images in EMAN2 "
                    + "(e2proc2d.py --list) or convert the stack to a STAR file first");
        }
        Path abs = file.toAbsolutePath().normalize();
        List<ImageRecord> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (Eman2HdfStack s = Eman2HdfStack.open(abs)) {
            if (s.nx() != s.ny()) {
                throw new BadInputException(file + ": images are " + s.nx() + " x " + s.ny() + "; particle images must be square");
            }
            for (int i = 0; i < s.count(); i++) {
                Eman2HdfStack.Pose p = s.pose(i);
                if (p == null) {
                    throw new BadInputException(file + ": image " + i + " has no EMAN.xform.projection (its header holds "
                            + s.attributes(i) + ")");
                }
                double px = s.pixelSize(i);
                if (!(px > 0)) {
                    throw new BadInputException(file + ": image " + i + " has no pixel size (EMAN.apix_x)");
                }
                ids.add(Integer.toString(i));
                records.add(new ImageRecord(new ImageSource(abs, i), i, Integer.toString(i), "", px, p.rot(), p.tilt(), p.psi(),
                        p.originX(), p.originY(), null, Double.NaN, Double.NaN, s.ctfApplied(i)));
            }
            StarLoop.Builder b = StarLoop.builder(List.of("rlnImageName", "rlnImagePixelSize", "rlnAngleRot", "rlnAngleTilt",
                    "rlnAnglePsi", "rlnOriginX", "rlnOriginY", "rlnGroupName"));
            for (ImageRecord r : records) {
                b.addRow(ParticleStarBuilder.imageName(r, abs.getParent()), num(r.pixelSize()), num(r.rot()), num(r.tilt()), num(r.psi()),
                        num(r.originX()), num(r.originY()), r.particleId());
            }
            StarFile star = new StarFile(null, List.of(StarBlock.ofLoop("", b.build())));
            int[] rows = new int[records.size()];
            int[] frames = new int[records.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
                frames[i] = -1;
            }
            return new ParticleTable(StarLayout.RELION_3_0_IMAGE_SERIES, abs, star, "", null, records, rows, frames, null, ids, s.nx());
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
