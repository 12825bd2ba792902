package org.emflow.compute.recon;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.emflow.compute.geometry.CentredFft2;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.compute.util.BadInputException;

/**
 * The partial sums of one part of a split back projection ({@link Backprojector#runPart}): the two half-set Fourier
 * sums of the part's particles as inserted, before any normalisation, with what {@link Backprojector#merge} checks
 * them against. A part holds both half volumes in memory (as a whole run does); its file is written atomically
 * ({@link AtomicFiles}: a temporary sibling, then a rename) and streamed through a 4 MB buffer.
 *
 * <p>File format, version {@value #VERSION}, little-endian: a {@value #HEADER_BYTES}-byte header
 * <pre>
 * offset  type      field
 *    0    8 bytes   magic "EMFBPSUM"
 *    8    int32     format version (1)
 *   12    int32     header length in bytes (128)
 *   16    int32     box (pixels)
 *   20    int32     padded size N of the Fourier volume
 *   24    int32     padding
 *   28    int32     image padding (padding with padded images, else 1)
 *   32    int32     noise weights summed (1: the automatic Wiener term's, else 0)
 *   36    int32     part (0-based)
 *   40    int32     parts
 *   44    int32     particles in the whole table
 *   48    int32     images in the whole table
 *   52    int32     first particle of the part (in order of first appearance)
 *   56    int32     end of the part's particles (exclusive)
 *   60    int32     particles of the part in half 1
 *   64    int32     particles of the part in half 2
 *   68    int32     images of the part in half 1
 *   72    int32     images of the part in half 2
 *   76    int32     CTF mode ({@link CtfMode} ordinal)
 *   80    int32     weighting ({@link WeightingMode} ordinal)
 *   84    int32     flags: 1 dose weights, 2 tilt weights, 4 sign inversion
 *   88    int64     seed of the half sets
 *   96    float64   pixel size (Angstrom)
 *  104    24 bytes  zero
 * </pre>
 * then, for half 1 and then half 2 but only when that half has images in the part, its raw sums: N·N·(N/2 + 1)
 * voxels of 4 float32 (data re, data im, weight, noise weight, the noise weight 0 when not summed), voxel
 * ((z·N + y)·(N/2 + 1) + x) for kx = x ∈ [0, N/2] (the last column is scratch), ky = y − N/2, kz = z − N/2
 * ({@link FourierAccumulator}'s layout). Box 128 at padding 1: 34,078,720 bytes of sums per part with both halves
 * (17,039,360 per half), plus the header; an empty part is the header alone.
 */
public final class PartialSums {
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    /** Header length in bytes. */
    public static final int HEADER_BYTES = 128;
    private static final byte[] MAGIC = "EMFBPSUM".getBytes(StandardCharsets.US_ASCII);
    /** The buffer sums are streamed through. */
    static final int CHUNK_BYTES = 4 << 20;

    private final Header header;
    /** The part's sums (package-private for tests). */
    final Reconstructor sums;

    PartialSums(Header header, Reconstructor sums) {
        this.header = header;
        this.sums = sums;
    }

    /** This part's index (0-based). */
    public int part() {
        return header.part;
    }

    /** How many parts the run was split into. */
    public int parts() {
        return header.parts;
    }

    /** First particle of the part, in the table's order of first appearance. */
    public int particleFrom() {
        return header.particleFrom;
    }

    /** End (exclusive) of the part's particles; equal to {@link #particleFrom()} for an empty part. */
    public int particleTo() {
        return header.particleTo;
    }

    public int particles1() {
        return header.particles1;
    }

    public int particles2() {
        return header.particles2;
    }

    public int images1() {
        return header.images1;
    }

    public int images2() {
        return header.images2;
    }

    /** The size of this part's file: the header and the sums of each half that has images. */
    public long fileBytes() {
        return header.fileBytes();
    }

    /** Writes the sums to {@code file} atomically (temporary sibling, then rename); {@code overwrite} as {@link AtomicFiles#write}. */
    public void write(Path file, boolean overwrite) throws IOException {
        AtomicFiles.write(file, overwrite, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer head = header.encode();
                while (head.hasRemaining()) {
                    ch.write(head);
                }
                ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_BYTES);
                for (int h = 1; h <= 2; h++) {
                    if (header.hasHalf(h)) {
                        sums.half(h).writeTo(ch, buffer);
                    }
                }
            }
        });
    }

    /**
     * Checks {@code file} against {@code expected} (everything but nothing else may differ: the layout, the settings
     * that change the sums, the split and the part's counts) and adds its sums to {@code running}, in chunks through
     * {@code buffer} and {@code scratch}.
     *
     * @throws BadInputException naming the file and what is wrong: missing, not a sums file (magic), another format
     *                           version, another box, padding, setting or part, truncated or too long
     */
    static void addTo(Path file, Header expected, Reconstructor running, ByteBuffer buffer, float[] scratch) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER_BYTES) {
                throw new BadInputException(file + ": truncated back-projection sums: " + size + " bytes, shorter than the "
                        + HEADER_BYTES + "-byte header");
            }
            ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (head.hasRemaining()) {
                if (ch.read(head) < 0) {
                    throw new BadInputException(file + ": truncated back-projection sums: the header ends early");
                }
            }
            head.flip();
            Header found = Header.decode(file, head);
            String why = found.mismatch(expected);
            if (why != null) {
                throw new BadInputException(file + ": not the partial sums this merge needs: " + why);
            }
            long want = found.fileBytes();
            if (size != want) {
                throw new BadInputException(file + ": " + (size < want ? "truncated" : "longer than its header says") + ": " + size
                        + " bytes, expected " + want + " (" + HEADER_BYTES + "-byte header and " + found.halves()
                        + " half volume(s) of padded size " + found.paddedSize + ")");
            }
            for (int h = 1; h <= 2; h++) {
                if (found.hasHalf(h)) {
                    try {
                        running.half(h).addFrom(ch, buffer, scratch);
                    } catch (EOFException e) {
                        throw new BadInputException(file + ": truncated back-projection sums (half " + h + " " + e.getMessage() + ")", e);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": back-projection sums not found (did the part run?)", e);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            throw AtomicFiles.naming(file, e);
        }
    }

    /** What a sums file says about itself (see the class comment for the layout). */
    record Header(int box, int paddedSize, int padding, int imagePadding, boolean keepNoise, int part, int parts,
                  int tableParticles, int tableImages, int particleFrom, int particleTo, int particles1, int particles2,
                  int images1, int images2, int ctfMode, int weighting, int flags, long seed, double pixelSize) {

        /** The header part {@code part} of {@code split} has with these settings. */
        static Header of(int box, double pixelSize, BackprojectOptions o, PartSplit split, int part) {
            int[] range = split.range(part);
            int[] c = split.counts(part);
            int flags = (o.doseWeight() ? 1 : 0) | (o.tiltWeight() ? 2 : 0) | (o.invertSign() ? 4 : 0);
            return new Header(box, CentredFft2.paddedSize(box, o.padding()), o.padding(), o.padImages() ? o.padding() : 1,
                    Backprojector.keepNoise(o), part, split.parts, split.particles, split.partOfImage.length, range[0], range[1],
                    c[0], c[1], c[2], c[3], o.ctfMode().ordinal(), o.weighting().ordinal(), flags, o.seed(), pixelSize);
        }

        boolean hasHalf(int h) {
            return (h == 1 ? images1 : images2) > 0;
        }

        int halves() {
            return (hasHalf(1) ? 1 : 0) + (hasHalf(2) ? 1 : 0);
        }

        long fileBytes() {
            return HEADER_BYTES + halves() * FourierAccumulator.byteCount(paddedSize);
        }

        ByteBuffer encode() {
            ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MAGIC).putInt(VERSION).putInt(HEADER_BYTES);
            b.putInt(box).putInt(paddedSize).putInt(padding).putInt(imagePadding).putInt(keepNoise ? 1 : 0);
            b.putInt(part).putInt(parts).putInt(tableParticles).putInt(tableImages).putInt(particleFrom).putInt(particleTo);
            b.putInt(particles1).putInt(particles2).putInt(images1).putInt(images2);
            b.putInt(ctfMode).putInt(weighting).putInt(flags).putLong(seed).putDouble(pixelSize);
            b.position(HEADER_BYTES); // the reserved bytes stay zero
            b.flip();
            return b;
        }

        static Header decode(Path file, ByteBuffer b) {
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new BadInputException(file + ": not a back-projection sums file (it starts with "
                        + printable(magic) + ", not " + new String(MAGIC, StandardCharsets.US_ASCII) + ")");
            }
            int version = b.getInt();
            if (version != VERSION) {
                throw new BadInputException(file + ": back-projection sums of format version " + version + "; this emflow reads version "
                        + VERSION + " (make the parts and merge them with the same emflow)");
            }
            int length = b.getInt();
            if (length != HEADER_BYTES) {
                throw new BadInputException(file + ": damaged back-projection sums: header length " + length + ", expected " + HEADER_BYTES);
            }
            return new Header(b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt() != 0, b.getInt(), b.getInt(), b.getInt(),
                    b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(),
                    b.getInt(), b.getLong(), b.getDouble());
        }

        private static String printable(byte[] bytes) {
            StringBuilder s = new StringBuilder("\"");
            for (byte x : bytes) {
                s.append(x >= 32 && x < 127 ? String.valueOf((char) x) : String.format("\\x%02x", x & 0xff));
            }
            return s.append('"').toString();
        }

        /** The first field in which this (a file's) header differs from {@code e}, said in words; null when none does. */
        String mismatch(Header e) {
            // The layout first (a file of another box or padding), then the settings, then which part, then the counts.
            String[] names = { "box", "padding", "image padding", "padded size", "noise weights (automatic Wiener term)",
                    "CTF mode", "weighting", "dose/tilt/sign flags", "seed", "pixel size", "parts", "part",
                    "particles in the table", "images in the table", "first particle", "end particle",
                    "particles in half 1", "particles in half 2", "images in half 1", "images in half 2" };
            Object[] mine = values();
            Object[] theirs = e.values();
            for (int i = 0; i < names.length; i++) {
                if (!mine[i].equals(theirs[i])) {
                    String where = i == 11 ? " (part files go in part order)" : i >= 10 ? " (parts of another split or table)" : "";
                    return names[i] + " " + describe(i, mine[i]) + " in the file, but " + describe(i, theirs[i]) + " in this run" + where;
                }
            }
            return null;
        }

        private Object[] values() {
            return new Object[] { box, padding, imagePadding, paddedSize, keepNoise, ctfMode, weighting, flags, seed,
                    Double.doubleToLongBits(pixelSize), parts, part, tableParticles, tableImages, particleFrom, particleTo,
                    particles1, particles2, images1, images2 };
        }

        private static String describe(int field, Object value) {
            if (field == 5) {
                int o = (Integer) value;
                return o >= 0 && o < CtfMode.values().length ? CtfMode.values()[o].toString() : "#" + o;
            }
            if (field == 6) {
                int o = (Integer) value;
                return o >= 0 && o < WeightingMode.values().length ? WeightingMode.values()[o].toString() : "#" + o;
            }
            if (field == 7) {
                int f = (Integer) value;
                return "dose " + ((f & 1) != 0) + ", tilt " + ((f & 2) != 0) + ", invert sign " + ((f & 4) != 0);
            }
            if (field == 9) {
                return Double.toString(Double.longBitsToDouble((Long) value));
            }
            return value.toString();
        }
    }
}
