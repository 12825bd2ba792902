package org.emflow.compute.io.mrc;

/**
 * The MRC data modes emflow reads (MRC2014, https://www.ccpem.ac.uk/mrc_format/mrc2014.php, and
 * mode 12 as added by IMOD/WarpTools). Mode 0 is signed per MRC2014 (see {@link MrcHeader} for the
 * IMOD unsigned-byte exception); mode 4 holds two float32 per pixel (real, imaginary).
 */
public enum MrcMode {
    INT8(0, 1, 1),
    INT16(1, 2, 1),
    FLOAT32(2, 4, 1),
    COMPLEX64(4, 8, 2),
    UINT16(6, 2, 1),
    FLOAT16(12, 2, 1);

    private final int code;
    private final int bytesPerPixel;
    private final int valuesPerPixel;

    MrcMode(int code, int bytesPerPixel, int valuesPerPixel) {
        this.code = code;
        this.bytesPerPixel = bytesPerPixel;
        this.valuesPerPixel = valuesPerPixel;
    }

    /** The number written in header word 4. */
    public int code() {
        return code;
    }

    /** Bytes one pixel takes in the file. */
    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    /** Floats one pixel becomes when read: 2 for complex (real, imaginary interleaved), else 1. */
    public int valuesPerPixel() {
        return valuesPerPixel;
    }

    /** The mode with header code {@code code}, or null when emflow does not read it. */
    public static MrcMode ofCode(int code) {
        for (MrcMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }
}
