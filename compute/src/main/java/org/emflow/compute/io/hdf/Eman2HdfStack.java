package org.emflow.compute.io.hdf;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.geometry.PoseConventions;
import org.emflow.compute.util.BadInputException;

/**
 * An EMAN2/SPARX particle stack in HDF5 (EMAN2's libEM/io/hdfio2.cpp layout): image N is the float dataset
 * {@code /MDF/images/N/image} (ny × nx), its header the attributes of the group {@code /MDF/images/N}, among them
 * {@code EMAN.xform.projection} (a Transform: the 3×4 matrix [R | t] as a compound of 12 floats "00" … "23") and
 * {@code EMAN.apix_x}. R is SPIDER's matrix, RELION's for the same angles; t is SPARX's translation, so the RELION
 * origin offset is −t ({@link PoseConventions}). Read with jhdf; safe for concurrent reads (one lock per file).
 */
public final class Eman2HdfStack implements AutoCloseable {
    /** An image's pose in RELION's terms: angles in degrees, origin offsets in pixels. */
    public record Pose(double rot, double tilt, double psi, double originX, double originY) {
    }

    private final Path file;
    private final HdfFile hdf;
    private final int count;
    private final int nx;
    private final int ny;

    private Eman2HdfStack(Path file, HdfFile hdf, int count, int nx, int ny) {
        this.file = file;
        this.hdf = hdf;
        this.count = count;
        this.nx = nx;
        this.ny = ny;
    }

    /** Opens {@code file}; a file that is no HDF5, has no {@code /MDF/images} or mixed image sizes is bad input. */
    public static Eman2HdfStack open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("HDF stack not found: " + file);
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (RuntimeException e) { // HdfException, or what jhdf's parser hits on damaged bytes (ArithmeticException, ...)
            throw new BadInputException(file + ": not an HDF5 file (" + (e instanceof HdfException ? "" : e.getClass().getSimpleName() + ": ")
                    + e.getMessage() + ")", e);
        }
        try {
            Node images = hdf.getByPath("/MDF/images");
            if (!(images instanceof Group g)) {
                throw new BadInputException(file + ": /MDF/images is not a group: not an EMAN2 image stack");
            }
            int n = 0;
            while (g.getChildren().containsKey(Integer.toString(n))) {
                n++;
            }
            if (n == 0) {
                throw new BadInputException(file + ": /MDF/images holds no image 0: not an EMAN2 image stack");
            }
            int[] dims = dims(hdf, file, 0);
            for (int i = 1; i < n; i++) {
                int[] d = dims(hdf, file, i);
                if (d[0] != dims[0] || d[1] != dims[1]) {
                    throw new BadInputException(file + ": image " + i + " is " + d[1] + " x " + d[0] + ", image 0 " + dims[1] + " x " + dims[0]);
                }
            }
            return new Eman2HdfStack(file, hdf, n, dims[1], dims[0]);
        } catch (BadInputException e) {
            hdf.close();
            throw e;
        } catch (RuntimeException e) {
            // jhdf reports a damaged file with whatever exception its parser hits (HdfException, ArithmeticException, ...)
            hdf.close();
            throw damaged(file, "", e);
        }
    }

    private static BadInputException damaged(Path file, String where, RuntimeException e) {
        return new BadInputException(file + where + ": damaged HDF5 file or not an EMAN2 image stack ("
                + (e instanceof HdfException ? "" : e.getClass().getSimpleName() + ": ") + e.getMessage() + ")", e);
    }

    /** {@code read} of image {@code i}, with the library's exceptions on damaged bytes turned into bad input. */
    private <T> T guarded(int i, java.util.function.Supplier<T> read) {
        check(i);
        try {
            return read.get();
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw damaged(file, ", image " + i, e);
        }
    }

    private static int[] dims(HdfFile hdf, Path file, int i) {
        Node n = hdf.getByPath("/MDF/images/" + i + "/image");
        if (!(n instanceof Dataset d) || d.getDimensions().length != 2) {
            throw new BadInputException(file + ": /MDF/images/" + i + "/image is not a 2-D image (3-D volumes are not particle stacks)");
        }
        int[] dims = d.getDimensions();
        if (dims[0] < 1 || dims[1] < 1 || (long) dims[0] * dims[1] > Integer.MAX_VALUE - 8) {
            throw new BadInputException(file + ": /MDF/images/" + i + "/image is " + dims[1] + " x " + dims[0]
                    + " pixels: not an image size (at least 1 x 1, at most 2^31 pixels)");
        }
        return dims;
    }

    public Path file() {
        return file;
    }

    public int count() {
        return count;
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    /** Image {@code i} into {@code dst} (x fastest). */
    public synchronized void read(int i, float[] dst) {
        Object data = guarded(i, () -> {
            Node n = hdf.getByPath("/MDF/images/" + i + "/image");
            if (!(n instanceof Dataset d) || !java.util.Arrays.equals(d.getDimensions(), new int[] {ny, nx})) {
                throw new BadInputException(file + ": image " + i + " is not a " + nx + " x " + ny + " image like image 0");
            }
            return d.getData();
        });
        int k = 0;
        if (data instanceof float[][] rows) {
            for (float[] row : rows) {
                System.arraycopy(row, 0, dst, k, row.length);
                k += row.length;
            }
        } else if (data instanceof double[][] rows) {
            for (double[] row : rows) {
                for (double v : row) {
                    dst[k++] = (float) v;
                }
            }
        } else {
            throw new BadInputException(file + ": image " + i + " is stored as " + data.getClass().getSimpleName() + ", not as floats");
        }
        for (int p = 0; p < k; p++) {
            if (!Float.isFinite(dst[p])) {
                throw new BadInputException(file + ": image " + i + " holds " + dst[p] + " at pixel x " + p % nx + ", y " + p / nx
                        + ": images must be finite numbers");
            }
        }
    }

    /** The pose of image {@code i} from its {@code EMAN.xform.projection}, or null when it has none. */
    public synchronized Pose pose(int i) {
        Object value = guarded(i, () -> {
            Attribute a = hdf.getByPath("/MDF/images/" + i).getAttribute("EMAN.xform.projection");
            return a == null ? null : a.getData();
        });
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> fields)) {
            throw new BadInputException(file + ": image " + i + ": EMAN.xform.projection is not a Transform (a compound of 12 floats)");
        }
        double[] m = new double[12];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                Object v = fields.get(r + "" + c);
                if (v == null) {
                    throw new BadInputException(file + ": image " + i + ": EMAN.xform.projection lacks element " + r + c);
                }
                m[4 * r + c] = v instanceof float[] f && f.length > 0 ? f[0] : v instanceof double[] d && d.length > 0 ? d[0]
                        : v instanceof Number x ? x.doubleValue() : Double.NaN;
                if (!Double.isFinite(m[4 * r + c])) {
                    throw new BadInputException(file + ": image " + i + ": EMAN.xform.projection element " + r + c + " is not a finite number");
                }
            }
        }
        double[] rot = {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]};
        double[] e = Conventions.eulerAngles(rot);
        double[] o = PoseConventions.relionOriginFromSparxShift(m[3], m[7]);
        return new Pose(e[0], e[1], e[2], o[0], o[1]);
    }

    /** {@code EMAN.apix_x} of image {@code i} (Angstrom per pixel), or NaN when absent. */
    public synchronized double pixelSize(int i) {
        Object v = guarded(i, () -> {
            Attribute a = hdf.getByPath("/MDF/images/" + i).getAttribute("EMAN.apix_x");
            return a == null ? null : a.getData();
        });
        return v instanceof Number x ? x.doubleValue() : Double.NaN;
    }

    /** True when image {@code i}'s header says its CTF was applied (SPARX's ctf_applied = 1). */
    public synchronized boolean ctfApplied(int i) {
        Object v = guarded(i, () -> {
            Attribute a = hdf.getByPath("/MDF/images/" + i).getAttribute("EMAN.ctf_applied");
            return a == null ? null : a.getData();
        });
        return v instanceof Number x && x.intValue() != 0;
    }

    private void check(int i) {
        if (i < 0 || i >= count) {
            throw new BadInputException(file + ": image " + i + " is past the end of the stack, which has " + count + " images");
        }
    }

    /** The names of image {@code i}'s header attributes (for messages). */
    public synchronized List<String> attributes(int i) {
        return guarded(i, () -> new ArrayList<>(hdf.getByPath("/MDF/images/" + i).getAttributes().keySet()));
    }

    @Override
    public synchronized void close() {
        hdf.close();
    }
}
