package org.emflow.compute.io.mrc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.emflow.compute.util.BadInputException;

/**
 * The 1024-byte MRC header, and the one place where emflow writes the MRC conventions down.
 * Source: MRC2014 (Cheng et al. 2015, J. Struct. Biol. 192:146; https://www.ccpem.ac.uk/mrc_format/mrc2014.php).
 *
 * <pre>
 * byte  word  field
 *    0   1-3  nx, ny, nz          columns, rows, sections (x fastest in the data block)
 *   12   4    mode                {@link MrcMode}
 *   16   5-7  nxstart..nzstart    grid index of the first column/row/section
 *   28   8-10 mx, my, mz          sampling along the cell (pixel size = cell / m)
 *   40  11-13 cella x, y, z       cell size, Angstrom
 *   52  14-16 cellb alpha..gamma  cell angles, degrees (90)
 *   64  17-19 mapc, mapr, maps    axis of columns, rows, sections (1,2,3 = x,y,z; emflow reads only that order)
 *   76  20-22 dmin, dmax, dmean
 *   88  23    ispg                space group: 0 = image stack, 1 = volume, 401 = volume stack
 *   92  24    nsymbt              bytes of extended header after byte 1024 (skipped: data start at 1024 + nsymbt)
 *  104  27    exttyp              4 characters naming the extended header type
 *  108  28    nversion            20140 for MRC2014
 *  152  39    imodStamp           1146047817 when IMOD wrote the file; imodFlags (byte 156) bit 0 = bytes signed
 *  196  50-52 origin x, y, z      Angstrom: real-space coordinate of voxel (0,0,0) is -origin (MRC2014 "origin")
 *  208  53    map                 "MAP "
 *  212  54    machst              machine stamp: 44 44 00 00 (or 44 41 00 00) little-endian, 11 11 00 00 big-endian
 *  216  55    rms                 RMS deviation of the densities from dmean
 *  220  56    nlabl               number of labels used
 *  224  57-256 label[10]          80 characters each
 * </pre>
 *
 * Conventions emflow holds to: the byte order is the machine stamp's (a file without a valid stamp
 * is read in whichever order gives a plausible header); mode 0 is signed, except for IMOD files
 * whose imodFlags bit 0 is clear; the pixel size is cella.x / mx (0 when either is 0); emflow
 * writes little-endian MRC2014 with nversion 20140, ispg 0 and mz 1 for stacks, ispg 1 and mz = nz
 * for volumes, origin 0, and min/max/mean/rms computed from the data as stored.
 *
 * @param origin        the three origin fields, Angstrom
 * @param unsignedBytes true when mode 0 data are unsigned (old IMOD files)
 */
public record MrcHeader(int nx, int ny, int nz, MrcMode mode, int nxStart, int nyStart, int nzStart,
                        int mx, int my, int mz, float cellX, float cellY, float cellZ,
                        int mapc, int mapr, int maps, float dmin, float dmax, float dmean, int ispg,
                        int nsymbt, String exttyp, int nversion, float[] origin, ByteOrder byteOrder,
                        float rms, List<String> labels, boolean unsignedBytes) {

    public static final int HEADER_BYTES = 1024;
    public static final int NVERSION_2014 = 20140;
    public static final int ISPG_IMAGE_STACK = 0;
    public static final int ISPG_VOLUME = 1;
    private static final int IMOD_STAMP = 1146047817;
    private static final int MAX_LABELS = 10;
    private static final int LABEL_CHARS = 80;

    public MrcHeader {
        origin = origin.clone();
        labels = List.copyOf(labels);
    }

    @Override
    public float[] origin() {
        return origin.clone();
    }

    /** Angstrom per pixel along x (cella.x / mx); 0 when the header does not say. */
    public double pixelSize() {
        return mx > 0 && cellX > 0 ? (double) cellX / mx : 0;
    }

    /** Bytes of one section (nx * ny pixels) in the file. */
    public long sectionBytes() {
        return (long) nx * ny * mode.bytesPerPixel();
    }

    /** Floats one section becomes when read (nx * ny, twice that for complex). */
    public long sectionValues() {
        return (long) nx * ny * mode.valuesPerPixel();
    }

    /** Offset of the first data byte: the header plus the extended header. */
    public long dataOffset() {
        return HEADER_BYTES + (long) nsymbt;
    }

    /** The file size this header implies. */
    public long expectedFileSize() {
        try {
            return Math.addExact(dataOffset(), Math.multiplyExact(Math.multiplyExact(Math.multiplyExact((long) nx, ny),
                    nz), mode.bytesPerPixel()));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // no file is that large: reported as truncated
        }
    }

    /** True when the file is an image stack (ispg 0) rather than a volume. */
    public boolean isStack() {
        return ispg == ISPG_IMAGE_STACK;
    }

    /**
     * A little-endian MRC2014 header for data of the given shape, with statistics and emflow's labels.
     *
     * @param stack true for an image stack (ispg 0, mz 1), false for a volume (ispg 1, mz = nz)
     */
    public static MrcHeader forData(int nx, int ny, int nz, MrcMode mode, double pixelSize, boolean stack,
                                    DensityStats stats, List<String> labels) {
        int mz = stack ? 1 : nz;
        float px = (float) pixelSize;
        return new MrcHeader(nx, ny, nz, mode, 0, 0, 0, nx, ny, mz, px * nx, px * ny, px * mz, 1, 2, 3,
                (float) stats.min(), (float) stats.max(), (float) stats.mean(),
                stack ? ISPG_IMAGE_STACK : ISPG_VOLUME, 0, "", NVERSION_2014, new float[3],
                ByteOrder.LITTLE_ENDIAN, (float) stats.rms(), labels, false);
    }

    /**
     * Parses the first 1024 bytes of an MRC file.
     *
     * @param bytes at least 1024 bytes; position and order are ignored
     * @param file  named in error messages
     * @throws BadInputException when the header is not a supported MRC header
     */
    public static MrcHeader parse(ByteBuffer bytes, String file) {
        return parse(bytes, file, -1);
    }

    /**
     * Parses the first 1024 bytes of an MRC file of {@code fileSize} bytes (-1 when unknown); the size
     * decides the byte order of files without a machine stamp.
     */
    public static MrcHeader parse(ByteBuffer bytes, String file, long fileSize) {
        if (bytes.limit() < HEADER_BYTES) {
            throw new BadInputException(file + ": truncated MRC file: " + bytes.limit() + " bytes, shorter than the "
                    + HEADER_BYTES + "-byte header");
        }
        ByteBuffer b = bytes.duplicate();
        ByteOrder order = byteOrder(b, fileSize);
        b.order(order);
        int nx = b.getInt(0);
        int ny = b.getInt(4);
        int nz = b.getInt(8);
        int modeCode = b.getInt(12);
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new BadInputException(file + ": not an MRC file or corrupt header: dimensions " + nx + " x " + ny
                    + " x " + nz + " (bytes 0-11) must be positive");
        }
        MrcMode mode = MrcMode.ofCode(modeCode);
        if (mode == null) {
            throw new BadInputException(file + ": unsupported MRC mode " + modeCode
                    + " (header word 4); emflow reads modes 0, 1, 2, 4, 6 and 12");
        }
        int nsymbt = b.getInt(92);
        if (nsymbt < 0) {
            throw new BadInputException(file + ": corrupt MRC header: negative extended header size nsymbt = " + nsymbt
                    + " (header word 24)");
        }
        int mapc = b.getInt(64);
        int mapr = b.getInt(68);
        int maps = b.getInt(72);
        boolean permutation = mapc * mapr * maps == 6 && mapc + mapr + maps == 6
                && Math.min(mapc, Math.min(mapr, maps)) == 1;
        if (permutation && !(mapc == 1 && mapr == 2 && maps == 3)) {
            throw new BadInputException(file + ": unsupported MRC axis order mapc/mapr/maps = " + mapc + "/" + mapr + "/"
                    + maps + " (header words 17-19); emflow reads only 1/2/3 (x, y, z)");
        }
        int imodStamp = b.getInt(152);
        int imodFlags = b.getInt(156);
        boolean unsignedBytes = mode == MrcMode.INT8 && imodStamp == IMOD_STAMP && (imodFlags & 1) == 0;
        int nlabl = Math.max(0, Math.min(MAX_LABELS, b.getInt(220)));
        List<String> labels = new ArrayList<>(nlabl);
        for (int i = 0; i < nlabl; i++) {
            labels.add(ascii(b, 224 + i * LABEL_CHARS, LABEL_CHARS).strip());
        }
        return new MrcHeader(nx, ny, nz, mode, b.getInt(16), b.getInt(20), b.getInt(24),
                b.getInt(28), b.getInt(32), b.getInt(36), b.getFloat(40), b.getFloat(44), b.getFloat(48),
                mapc, mapr, maps, b.getFloat(76), b.getFloat(80), b.getFloat(84), b.getInt(88), nsymbt,
                ascii(b, 104, 4), b.getInt(108), new float[] {b.getFloat(196), b.getFloat(200), b.getFloat(204)},
                order, b.getFloat(216), labels, unsignedBytes);
    }

    /** The 1024 header bytes in this header's byte order, ready to write at offset 0. */
    public ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(byteOrder);
        b.putInt(0, nx).putInt(4, ny).putInt(8, nz).putInt(12, mode.code());
        b.putInt(16, nxStart).putInt(20, nyStart).putInt(24, nzStart);
        b.putInt(28, mx).putInt(32, my).putInt(36, mz);
        b.putFloat(40, cellX).putFloat(44, cellY).putFloat(48, cellZ);
        b.putFloat(52, 90f).putFloat(56, 90f).putFloat(60, 90f);
        b.putInt(64, mapc).putInt(68, mapr).putInt(72, maps);
        b.putFloat(76, dmin).putFloat(80, dmax).putFloat(84, dmean);
        b.putInt(88, ispg).putInt(92, nsymbt);
        putAscii(b, 104, exttyp, 4);
        b.putInt(108, nversion);
        b.putFloat(196, origin[0]).putFloat(200, origin[1]).putFloat(204, origin[2]);
        putAscii(b, 208, "MAP ", 4);
        byte stamp = byteOrder == ByteOrder.LITTLE_ENDIAN ? (byte) 0x44 : (byte) 0x11;
        b.put(212, stamp).put(213, stamp);
        b.putFloat(216, rms);
        int n = Math.min(MAX_LABELS, labels.size());
        b.putInt(220, n);
        for (int i = 0; i < n; i++) {
            putAscii(b, 224 + i * LABEL_CHARS, labels.get(i), LABEL_CHARS);
        }
        return b;
    }

    /**
     * The machine stamp's byte order; for files without one, the order in which the header implies
     * the file's size, else the order that gives a plausible header.
     */
    private static ByteOrder byteOrder(ByteBuffer b, long fileSize) {
        int stamp = b.get(212) & 0xff;
        if (stamp == 0x44) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (stamp == 0x11) {
            return ByteOrder.BIG_ENDIAN;
        }
        ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer be = b.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (fileSize >= 0 && impliedSize(le) != fileSize && impliedSize(be) == fileSize) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (fileSize < 0 && impliedSize(le) < 0 && impliedSize(be) >= 0) {
            return ByteOrder.BIG_ENDIAN;
        }
        return ByteOrder.LITTLE_ENDIAN;
    }

    /** The file size the header in {@code b}'s order implies, or -1 when it is not a plausible header. */
    private static long impliedSize(ByteBuffer b) {
        int nx = b.getInt(0);
        int ny = b.getInt(4);
        int nz = b.getInt(8);
        MrcMode mode = MrcMode.ofCode(b.getInt(12));
        int nsymbt = b.getInt(92);
        if (nx <= 0 || ny <= 0 || nz <= 0 || mode == null || nsymbt < 0) {
            return -1;
        }
        double size = HEADER_BYTES + (double) nsymbt + (double) nx * ny * nz * mode.bytesPerPixel();
        return size > Long.MAX_VALUE / 2 ? -1 : (long) size;
    }

    private static String ascii(ByteBuffer b, int offset, int length) {
        byte[] raw = new byte[length];
        for (int i = 0; i < length; i++) {
            byte c = b.get(offset + i);
            raw[i] = c >= 32 && c < 127 ? c : (byte) ' ';
        }
        return new String(raw, StandardCharsets.US_ASCII);
    }

    private static void putAscii(ByteBuffer b, int offset, String s, int length) {
        byte[] raw = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) {
            b.put(offset + i, i < raw.length ? raw[i] : (byte) ' ');
        }
    }
}
