package org.emflow.compute.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.emflow.compute.image.Volume;
import org.emflow.compute.util.BadInputException;

/**
 * Reads MRC maps and image stacks of any size by positioned reads on a {@link FileChannel}: image
 * {@code z} of a stack is read without touching the rest of the file, offsets are {@code long} (stacks
 * past 2 GiB are fine), and several threads may read from one reader at once. Conventions: {@link MrcHeader}.
 */
public final class MrcReader implements AutoCloseable {
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(0));

    private final Path path;
    private final FileChannel channel;
    private final MrcHeader header;

    private MrcReader(Path path, FileChannel channel, MrcHeader header) {
        this.path = path;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens {@code path} and checks its header against the file size.
     *
     * @throws BadInputException when the file is missing, not MRC, of an unsupported mode, truncated, or
     *         longer than its header says
     */
    public static MrcReader open(Path path) throws IOException {
        if (Files.isDirectory(path)) { // opening succeeds, reading fails with a bare "Is a directory"
            throw new BadInputException(path + ": is a folder, not an MRC file");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BadInputException("MRC file not found: " + path, e);
        }
        try {
            long size = ch.size();
            int n = (int) Math.min(size, MrcHeader.HEADER_BYTES);
            ByteBuffer buf = ByteBuffer.allocate(n);
            readFully(ch, buf, 0, path);
            MrcHeader header = MrcHeader.parse(buf.flip(), path.toString(), size);
            checkSize(header, size, path);
            return new MrcReader(path, ch, header);
        } catch (RuntimeException | IOException e) {
            ch.close();
            throw e;
        }
    }

    /** Reads only the header of {@code path} (and checks it against the file size). */
    public static MrcHeader readHeader(Path path) throws IOException {
        try (MrcReader r = open(path)) {
            return r.header();
        }
    }

    private static void checkSize(MrcHeader h, long size, Path path) {
        long expected = h.expectedFileSize();
        if (size != expected) {
            String what = size < expected ? "truncated MRC file" : "MRC header/file-size mismatch";
            throw new BadInputException(path + ": " + what + ": the header (" + h.nx() + " x " + h.ny() + " x " + h.nz()
                    + ", mode " + h.mode().code() + ", extended header " + h.nsymbt() + " bytes) implies " + expected
                    + " bytes, the file has " + size);
        }
    }

    public MrcHeader header() {
        return header;
    }

    public Path path() {
        return path;
    }

    /** Number of sections (images of a stack, z slices of a volume). */
    public int sections() {
        return header.nz();
    }

    /**
     * Reads section {@code z} (0-based) into {@code dst[0 .. header.sectionValues())}, converted to float.
     * Safe to call from several threads at once.
     *
     * @throws BadInputException when {@code z} is past the end of the file
     */
    public void readSection(int z, float[] dst) throws IOException {
        readSections(z, 1, dst, 0);
    }

    /** Reads {@code count} consecutive sections from {@code z} into {@code dst[off ..]}. */
    public void readSections(int z, int count, float[] dst, int off) throws IOException {
        if (z < 0 || count < 0 || (long) z + count > header.nz()) {
            throw new BadInputException(path + ": section index " + z + (count > 1 ? ".." + (z + count - 1) : "")
                    + " (0-based) out of range: the file has " + header.nz() + " sections");
        }
        long values = header.sectionValues();
        if (values > Integer.MAX_VALUE || (long) off + values * count > dst.length) {
            throw new IllegalArgumentException("destination of " + dst.length + " floats (from " + off + ") cannot hold "
                    + count + " sections of " + values + " floats of " + path);
        }
        int bytes = Math.toIntExact(header.sectionBytes());
        ByteBuffer buf = scratch(bytes).order(header.byteOrder());
        for (int i = 0; i < count; i++) {
            buf.clear().limit(bytes);
            readFully(channel, buf, header.dataOffset() + header.sectionBytes() * (z + i), path);
            buf.flip();
            MrcCodec.decode(buf, header.mode(), header.unsignedBytes(), dst, off + (int) values * i, (int) values);
            if (header.mode() == MrcMode.FLOAT32 || header.mode() == MrcMode.FLOAT16) {
                requireFinite(dst, off + (int) values * i, (int) values, z + i);
            }
        }
    }

    /** Float sections may hold NaN or infinity (integer modes cannot): one such pixel would spoil a whole map. */
    private void requireFinite(float[] d, int from, int values, int section) {
        // v * 0 is 0 for every finite v and NaN otherwise: four independent sums stay 0 unless a value is not finite
        // (a branch-free pass at memory speed); only then are the pixels searched for the culprit.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < values; k += 4) {
            s0 += d[from + k] * 0f;
            s1 += d[from + k + 1] * 0f;
            s2 += d[from + k + 2] * 0f;
            s3 += d[from + k + 3] * 0f;
        }
        for (; k < values; k++) {
            s0 += d[from + k] * 0f;
        }
        if (s0 + s1 + s2 + s3 == 0) {
            return;
        }
        for (k = 0; k < values; k++) {
            if (!Float.isFinite(d[from + k])) {
                int x = k % header.nx(), y = k / header.nx();
                throw new BadInputException(path + ": section " + (section + 1) + " (1-based) holds " + d[from + k]
                        + " at pixel x " + x + ", y " + y + ": MRC data must be finite numbers");
            }
        }
    }

    /** Reads the whole file as a volume (x fastest) with the header's pixel size; real modes only. */
    public Volume readVolume() throws IOException {
        if (header.mode() == MrcMode.COMPLEX64) {
            throw new BadInputException(path + ": complex MRC (mode 4) cannot be read as a real volume");
        }
        long n = header.sectionValues() * header.nz();
        if (n > Integer.MAX_VALUE - 8) {
            throw new BadInputException(path + ": " + header.nx() + " x " + header.ny() + " x " + header.nz()
                    + " does not fit in one Java array; read it by sections");
        }
        float[] data = new float[(int) n];
        readSections(0, header.nz(), data, 0);
        return new Volume(header.nx(), header.ny(), header.nz(), data, header.pixelSize());
    }

    private static ByteBuffer scratch(int bytes) {
        ByteBuffer b = SCRATCH.get();
        if (b.capacity() < bytes) {
            b = ByteBuffer.allocate(bytes);
            SCRATCH.set(b);
        }
        return b;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path path) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new BadInputException(path + ": truncated MRC file: end of file at byte " + p);
            }
            p += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
