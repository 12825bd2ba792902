package org.emflow.compute.fsrec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Excerpt;

/**
 * PyFSRec's file formats (spec pyfsrec.md section 2.6): raw little-endian float32 images and
 * complex64 waves (interleaved re, im; row-major; no header; despite the documentation's "2x16bit"),
 * and the small CSV tables. All writers go through {@link AtomicFiles}.
 */
public final class FsrecFiles {
    private FsrecFiles() {
    }

    /** Reads a raw little-endian float32 image of nx * ny values. */
    public static float[] readFloatRaw(Path file, int nx, int ny) throws IOException {
        long expected = 4L * nx * ny;
        long size = Files.size(file);
        if (size != expected) {
            throw new BadInputException(file + ": " + size + " bytes, expected " + expected + " for a " + ny + " x " + nx
                    + " float32 image ([IMAGEDATA] Dimensions)");
        }
        float[] out = new float[nx * ny];
        readInto(file, out, expected);
        return out;
    }

    private static void readInto(Path file, float[] out, long bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(bytes, 1 << 16)).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int pos = 0;
            while (pos < out.length) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), 4L * (out.length - pos)));
                while (buf.hasRemaining()) {
                    if (ch.read(buf) < 0) {
                        throw new BadInputException(file + ": file ends early");
                    }
                }
                buf.flip();
                int n = buf.remaining() / 4;
                buf.asFloatBuffer().get(out, pos, n);
                pos += n;
            }
        }
    }

    /** Reads a complex64 wave of nx * ny values (the {@code .wav} format). */
    public static ComplexImage readWave(Path file, int nx, int ny, double sx, double sy) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": wave file not found (run a reconstruction first)");
        }
        long expected = 8L * nx * ny;
        long size = Files.size(file);
        if (size != expected) {
            throw new BadInputException(file + ": " + size + " bytes, expected " + expected + " for a " + ny + " x " + nx
                    + " complex64 wave ([IMAGEDATA] Dimensions)");
        }
        float[] data = new float[2 * nx * ny];
        readInto(file, data, expected);
        return new ComplexImage(nx, ny, data, sx, sy);
    }

    /** Writes float data as little-endian float32 (a wave's data array gives the complex64 format). */
    public static void writeFloats(Path file, float[] data) throws IOException {
        AtomicFiles.write(file, true, tmp -> {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                int pos = 0;
                while (pos < data.length) {
                    buf.clear();
                    int n = Math.min(buf.capacity() / 4, data.length - pos);
                    buf.asFloatBuffer().put(data, pos, n);
                    buf.limit(4 * n);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    pos += n;
                }
            }
        });
    }

    /** Writes a wave in the complex64 .wav format. */
    public static void writeWave(Path file, ComplexImage wave) throws IOException {
        writeFloats(file, wave.data());
    }

    /** Writes a CSV with a '#' header line and rows formatted with 6 decimals (the original's %f). */
    public static void writeCsv(Path file, String header, List<double[]> rows) throws IOException {
        AtomicFiles.write(file, true, tmp -> {
            try (OutputStream os = Files.newOutputStream(tmp);
                    BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8))) {
                w.write("# " + header + "\n");
                StringBuilder sb = new StringBuilder();
                for (double[] row : rows) {
                    sb.setLength(0);
                    for (int i = 0; i < row.length; i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        sb.append(String.format(Locale.ROOT, "%f", row[i]));
                    }
                    w.write(sb.append('\n').toString());
                }
            }
        });
    }

    /**
     * Reads a numeric CSV written by {@link #writeCsv} or by the original ('#' lines skipped). Every
     * row must have {@code columns} numbers; errors name the file and line.
     */
    public static List<double[]> readCsv(Path file, int columns) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("[,\\s]+");
            if (parts.length != columns) {
                throw new BadInputException(file + " line " + (i + 1) + ": expected " + columns + " numbers but found " + Excerpt.of(line));
            }
            double[] row = new double[columns];
            for (int c = 0; c < columns; c++) {
                try {
                    row[c] = Double.parseDouble(parts[c]);
                } catch (NumberFormatException e) {
                    throw new BadInputException(file + " line " + (i + 1) + " column " + (c + 1) + ": '" + parts[c] + "' is not a number");
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Reads a {@code _dxy.csv} for the selected images (index, dx, dy rows).
     *
     * @return {dx[], dy[]} in selection order
     * @throws BadInputException when the file lacks a selected image or lists other images
     */
    public static double[][] readDisplacements(Path file, int[] images) throws IOException {
        List<double[]> rows = readCsv(file, 3);
        if (rows.size() != images.length) {
            throw new BadInputException(file + ": " + rows.size() + " displacement rows but " + images.length
                    + " images are selected ([IMAGEDATA] Range)");
        }
        double[] dx = new double[images.length];
        double[] dy = new double[images.length];
        for (int i = 0; i < images.length; i++) {
            double[] r = rows.get(i);
            if (Math.round(r[0]) != images[i]) {
                throw new BadInputException(file + ": row " + (i + 1) + " is for image " + r[0] + " but image " + images[i]
                        + " was expected ([IMAGEDATA] Range)");
            }
            dx[i] = r[1];
            dy[i] = r[2];
        }
        return new double[][] {dx, dy};
    }
}
