package org.emflow.compute.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import org.emflow.compute.io.AtomicFiles;

/**
 * Writes an MRC2014 image stack (or, with {@link #volume}, a volume) one section at a time, so that a
 * stack of any size streams to disk. The sections go to a temporary sibling file; {@link #close()}
 * writes the header with the section count and the statistics of the data as stored, then renames it
 * onto the target. {@link #abort()} (or an exception before close) leaves nothing behind.
 * Not thread-safe: one writer per thread.
 */
public final class MrcStackWriter implements AutoCloseable {
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path target;
    private final Path tmp;
    private final FileChannel channel;
    private final int nx;
    private final int ny;
    private final double pixelSize;
    private final MrcMode mode;
    private final boolean overwrite;
    private final boolean stack;
    private final List<String> labels;
    private final DensityStats stats = new DensityStats();
    private final ByteBuffer buffer;
    private final float[] rounded;
    private int sections;
    private boolean finished;

    private MrcStackWriter(Path target, int nx, int ny, double pixelSize, MrcMode mode, boolean overwrite,
                           boolean stack, List<String> labels) throws IOException {
        if (mode != MrcMode.FLOAT32 && mode != MrcMode.FLOAT16) {
            throw new IllegalArgumentException("emflow writes MRC modes 2 (float32) and 12 (float16), not " + mode);
        }
        if (nx <= 0 || ny <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + nx + " x " + ny);
        }
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "output exists (use --force to overwrite)");
        }
        this.target = target;
        this.nx = nx;
        this.ny = ny;
        this.pixelSize = pixelSize;
        this.mode = mode;
        this.overwrite = overwrite;
        this.stack = stack;
        this.labels = labels;
        this.buffer = ByteBuffer.allocate(Math.max(CHUNK_BYTES, mode.bytesPerPixel())).order(ByteOrder.LITTLE_ENDIAN);
        this.rounded = new float[buffer.capacity() / mode.bytesPerPixel()];
        this.tmp = AtomicFiles.temporaryFor(target);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            ch.position(MrcHeader.HEADER_BYTES);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            Files.deleteIfExists(tmp);
            throw e;
        }
        this.channel = ch;
    }

    /** A writer of a stack of {@code nx} x {@code ny} images (ispg 0). */
    public static MrcStackWriter stack(Path target, int nx, int ny, double pixelSize, MrcMode mode, boolean overwrite)
            throws IOException {
        return new MrcStackWriter(target, nx, ny, pixelSize, mode, overwrite, true, defaultLabels());
    }

    /** A writer of a volume written section by section (ispg 1, mz = number of sections). */
    public static MrcStackWriter volume(Path target, int nx, int ny, double pixelSize, MrcMode mode, boolean overwrite)
            throws IOException {
        return new MrcStackWriter(target, nx, ny, pixelSize, mode, overwrite, false, defaultLabels());
    }

    static List<String> defaultLabels() {
        return List.of("emflow " + LocalDate.now());
    }

    /** Appends one section of {@code nx * ny} floats. */
    public void append(float[] image) throws IOException {
        append(image, 0, 1);
    }

    /**
     * A computation that produced NaN or infinity (or a value beyond half-float range in mode 12) fails here and its
     * output is never written: a map of NaN would open in every viewer and mislead.
     */
    private IllegalStateException nonFinite(float value, long index) {
        long section = sections + index / ((long) nx * ny), pixel = index % ((long) nx * ny);
        return new IllegalStateException(target + ": the computed data hold " + value + " (section " + (section + 1) + ", pixel x "
                + pixel % nx + ", y " + pixel / nx + (mode == MrcMode.FLOAT16 && Float.isFinite(value) ? ", beyond mode 12's range" : "")
                + "): not written");
    }

    /** Appends {@code count} sections stored one after another in {@code data} from {@code off}. */
    public void append(float[] data, int off, int count) throws IOException {
        if (finished) {
            throw new IllegalStateException("stack writer of " + target + " is closed");
        }
        long values = (long) nx * ny * count;
        if (off + values > data.length) {
            throw new IllegalArgumentException(data.length + " floats from " + off + " cannot hold " + count
                    + " sections of " + nx + " x " + ny);
        }
        int end = (int) (off + values);
        for (int i = off; i < end; ) {
            int n = Math.min(rounded.length, end - i);
            for (int k = 0; k < n; k++) {
                rounded[k] = MrcCodec.stored(data[i + k], mode);
                if (!Float.isFinite(rounded[k])) {
                    throw nonFinite(data[i + k], i + k - off);
                }
            }
            stats.add(rounded, 0, n);
            buffer.clear();
            MrcCodec.encode(rounded, 0, n, mode, buffer);
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw AtomicFiles.naming(target, e);
            }
            i += n;
        }
        sections += count;
    }

    /** Sections written so far. */
    public int count() {
        return sections;
    }

    /** Deletes the partial file; the target is untouched. */
    public void abort() throws IOException {
        if (!finished) {
            finished = true;
            channel.close();
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the header and renames the file onto its target. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        boolean done = false;
        try {
            if (sections == 0) {
                throw new IllegalStateException("no section was written to " + target);
            }
            MrcHeader header = MrcHeader.forData(nx, ny, sections, mode, pixelSize, stack, stats, labels);
            ByteBuffer h = header.encode();
            try {
                channel.write(h, 0);
                channel.force(false);
                channel.close();
            } catch (IOException e) {
                throw AtomicFiles.naming(target, e);
            }
            AtomicFiles.commit(tmp, target, overwrite);
            done = true;
        } finally {
            finished = true;
            if (!done) {
                channel.close();
                Files.deleteIfExists(tmp);
            }
        }
    }
}
