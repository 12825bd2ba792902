package org.emflow.compute.io.index;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Unpickler;
import org.emflow.compute.util.BadInputException;

/**
 * The numpy objects a pickled integer array is made of, as plain data holders for the net.razorvine
 * unpickler: {@code numpy.core.multiarray._reconstruct} (numpy 1) / {@code numpy._core.multiarray._reconstruct}
 * (numpy 2) creates an {@link NdArray} whose state (version, shape, dtype, fortran flag, raw bytes) is set by
 * the pickle's BUILD; {@code numpy.dtype} creates a {@link DType}; {@code multiarray.scalar} gives one integer.
 * Layout source: numpy's {@code ndarray.__reduce__} / {@code __setstate__} (numpy/core/src/multiarray/methods.c).
 */
public final class NumpyPickle {
    private static volatile boolean registered;

    private NumpyPickle() {
    }

    static synchronized void register() {
        if (registered) {
            return;
        }
        for (String module : new String[] {"numpy.core.multiarray", "numpy._core.multiarray"}) {
            Unpickler.registerConstructor(module, "_reconstruct", args -> new NdArray());
            Unpickler.registerConstructor(module, "scalar", NumpyPickle::scalar);
        }
        IObjectConstructor dtype = args -> new DType(args.length > 0 ? String.valueOf(args[0]) : "");
        Unpickler.registerConstructor("numpy", "dtype", dtype);
        registered = true;
    }

    /** A numpy dtype: kind and size from its name (e.g. "i8"), byte order from its state. */
    public static final class DType {
        final String name;
        char order = '<';

        DType(String name) {
            this.name = name;
        }

        /** numpy's dtype state: (version, byte order, ...). */
        public void __setstate__(Object[] state) {
            if (state.length > 1 && state[1] instanceof String s && !s.isEmpty()) {
                order = s.charAt(0);
            }
        }
    }

    /** A numpy array: shape, dtype and raw data, filled in by the pickle's BUILD. */
    public static final class NdArray {
        long[] shape;
        DType dtype;
        byte[] data;

        /** numpy's ndarray state: (version, shape, dtype, is_fortran, raw data). */
        public void __setstate__(Object[] state) {
            if (state.length < 5 || !(state[1] instanceof Object[] dims) || !(state[2] instanceof DType d)) {
                throw new IllegalArgumentException("unexpected numpy array state");
            }
            shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                if (!(dims[i] instanceof Number v)) {
                    throw new IllegalArgumentException("numpy array shape entry " + i + " is a " + typeName(dims[i]) + ", not an integer");
                }
                shape[i] = v.longValue();
            }
            dtype = d;
            Object raw = state[4];
            if (raw instanceof byte[] b) {
                data = b;
            } else if (raw instanceof String s) {
                data = s.getBytes(StandardCharsets.ISO_8859_1); // Python 2 str pickles
            } else {
                throw new IllegalArgumentException("numpy array data of type " + typeName(raw) + " (object arrays are not index arrays)");
            }
        }

        /** The integers, or a {@link BadInputException} whose message starts with {@code source} (the file). */
        int[] toIntArray(String source) {
            if (shape == null || dtype == null) {
                throw new BadInputException(source + ": incomplete numpy array in the pickle");
            }
            // Trailing dimensions must each be 1 (a column vector); checking each one, rather than their
            // product, keeps (n, -1, -1) or an overflowing product from passing as one-dimensional.
            for (int i = 1; i < shape.length; i++) {
                if (shape[i] != 1) {
                    throw new BadInputException(source + ": the index array has " + shape.length + " dimensions; expected 1");
                }
            }
            long n = shape.length == 0 ? 1 : shape[0];
            String name = dtype.name;
            if (!INTEGER_DTYPE.matcher(name).matches()) {
                throw new BadInputException(source + ": the index array has dtype " + quoted(name) + "; expected integers (i1..i8, u1..u8)");
            }
            return decodeIntegers(data, 0, n, dtype.order, name.charAt(0), name.charAt(1) - '0', source);
        }
    }

    private static Object scalar(Object[] args) {
        if (args.length == 2 && args[0] instanceof DType d && args[1] instanceof byte[] b) {
            NdArray a = new NdArray();
            a.shape = new long[0];
            a.dtype = d;
            a.data = b;
            // No file name here: the unpickler's caller wraps this message with it.
            return a.toIntArray("numpy scalar")[0];
        }
        throw new IllegalArgumentException("unsupported numpy scalar");
    }

    /** numpy's integer dtype names as the pickle spells them: kind and byte size. */
    private static final java.util.regex.Pattern INTEGER_DTYPE = java.util.regex.Pattern.compile("[iu][1248]");

    /** A short, printable form of a value from the file, for messages (control characters escaped, long text cut). */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.append(s.length() > 40 ? "...'" : "'").toString();
    }

    /** The Python-ish type of a pickled value, for messages (never its contents: they may refer to themselves). */
    static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    /** {@code n} integers of {@code size} bytes, kind 'i' or 'u', byte order '<', '>', '|' or '='. */
    static int[] decodeIntegers(byte[] bytes, int offset, long n, char order, char kind, int size, String source) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new BadInputException(source + ": integer size " + size + " bytes is not supported");
        }
        if (n < 0 || n > Integer.MAX_VALUE - 8 || offset + n * size > bytes.length) {
            throw new BadInputException(source + ": the array claims " + n + " values of " + size
                    + " bytes, but the file holds " + Math.max(0, bytes.length - offset) + " bytes of data");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[(int) n];
        for (int i = 0; i < n; i++) {
            int p = offset + i * size;
            long v = switch (size) {
                case 1 -> kind == 'u' ? bytes[p] & 0xff : bytes[p];
                case 2 -> kind == 'u' ? b.getShort(p) & 0xffff : b.getShort(p);
                case 4 -> kind == 'u' ? b.getInt(p) & 0xffffffffL : b.getInt(p);
                default -> b.getLong(p);
            };
            if ((size == 8 && kind == 'u' && v < 0) || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                throw new BadInputException(source + ": index " + (size == 8 && kind == 'u' ? Long.toUnsignedString(v) : v)
                        + " (entry " + i + ") is out of range");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** One Python int (Integer, Long or BigInteger) as an int index. */
    static int toIndex(Object o, int i, Path path) {
        if (o instanceof Integer v) {
            return v;
        }
        if (o instanceof Long v && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return (int) (long) v;
        }
        if (o instanceof BigInteger v && v.bitLength() < 32) {
            return v.intValue();
        }
        String what = o instanceof Number || o instanceof String ? quoted(String.valueOf(o)) : "a " + typeName(o);
        throw new BadInputException(path + ": entry " + i + " of the pickled list is " + what + ", not an integer index");
    }
}
