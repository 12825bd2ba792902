package org.emflow.compute.io.mrc;

import java.nio.ByteBuffer;

/** Converts MRC data bytes to and from float, for each {@link MrcMode}. */
final class MrcCodec {
    private MrcCodec() {
    }

    /**
     * Decodes {@code values} floats from {@code src} (at its position, in its byte order) into {@code dst[off..]}.
     * For complex data {@code values} counts floats (two per pixel).
     */
    static void decode(ByteBuffer src, MrcMode mode, boolean unsignedBytes, float[] dst, int off, int values) {
        switch (mode) {
            case INT8 -> {
                for (int i = 0; i < values; i++) {
                    byte v = src.get();
                    dst[off + i] = unsignedBytes ? (v & 0xff) : v;
                }
            }
            case FLOAT32, COMPLEX64 -> src.asFloatBuffer().get(dst, off, values);
            case INT16, UINT16, FLOAT16 -> decodeShorts(src, mode, dst, off, values);
        }
    }

    private static void decodeShorts(ByteBuffer src, MrcMode mode, float[] dst, int off, int values) {
        short[] s = shortScratch(values);
        src.asShortBuffer().get(s, 0, values);
        switch (mode) {
            case INT16 -> {
                for (int i = 0; i < values; i++) {
                    dst[off + i] = s[i];
                }
            }
            case UINT16 -> {
                for (int i = 0; i < values; i++) {
                    dst[off + i] = s[i] & 0xffff;
                }
            }
            default -> {
                for (int i = 0; i < values; i++) {
                    dst[off + i] = Float16.toFloat(s[i]);
                }
            }
        }
    }

    private static final ThreadLocal<short[]> SHORTS = ThreadLocal.withInitial(() -> new short[0]);

    private static short[] shortScratch(int n) {
        short[] s = SHORTS.get();
        if (s.length < n) {
            s = new short[n];
            SHORTS.set(s);
        }
        return s;
    }

    /** Encodes {@code src[off..off+values)} into {@code dst} at its position (mode 2 or 12 only). */
    static void encode(float[] src, int off, int values, MrcMode mode, ByteBuffer dst) {
        if (mode == MrcMode.FLOAT32) {
            dst.asFloatBuffer().put(src, off, values);
            dst.position(dst.position() + values * 4);
        } else if (mode == MrcMode.FLOAT16) {
            for (int i = 0; i < values; i++) {
                dst.putShort(Float16.fromFloat(src[off + i]));
            }
        } else {
            throw new IllegalArgumentException("emflow writes MRC modes 2 and 12, not " + mode);
        }
    }

    /** The value {@code v} becomes after a write and read in {@code mode} (float16 rounding). */
    static float stored(float v, MrcMode mode) {
        return mode == MrcMode.FLOAT16 ? Float16.toFloat(Float16.fromFloat(v)) : v;
    }
}
