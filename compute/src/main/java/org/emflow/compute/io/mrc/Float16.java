package org.emflow.compute.io.mrc;

/**
 * IEEE 754 binary16 ("half") conversion, as MRC mode 12 stores it. Java 17 has no
 * Float.float16ToFloat (added in Java 20), hence this class. Decoding uses a 65,536-entry table;
 * encoding rounds to nearest, ties to even, with overflow to infinity and gradual underflow.
 */
public final class Float16 {
    private static final float[] TABLE = new float[65536];

    static {
        for (int h = 0; h < 65536; h++) {
            TABLE[h] = decode(h);
        }
    }

    private Float16() {
    }

    /** The float value of the half-precision bits {@code bits} (low 16 bits used). */
    public static float toFloat(int bits) {
        return TABLE[bits & 0xffff];
    }

    private static float decode(int h) {
        int sign = (h >>> 15) & 1;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        float v;
        if (exp == 0) {
            v = mant * 0x1p-24f; // subnormal: mant * 2^-14 * 2^-10
        } else if (exp == 31) {
            v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (mant << 13));
        }
        return sign == 0 ? v : -v;
    }

    /** The half-precision bits nearest to {@code f} (round to nearest even). */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs >= 0x7f800000) { // inf or NaN
            return (short) (sign | 0x7c00 | (abs > 0x7f800000 ? 0x200 : 0));
        }
        if (abs >= 0x477ff000) { // >= 65520 rounds to infinity
            return (short) (sign | 0x7c00);
        }
        if (abs < 0x38800000) { // below the smallest normal half 2^-14: subnormal or zero
            // value in units of 2^-24, rounded half to even
            float scaled = Float.intBitsToFloat(abs) * 0x1p24f;
            int m = (int) Math.rint(scaled);
            return (short) (sign | m);
        }
        int exp = (abs >>> 23) - 127 + 15;
        int mant = abs & 0x7fffff;
        int half = (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent, which is the correct result
        }
        return (short) (sign | half);
    }
}
