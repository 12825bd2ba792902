package org.emflow.compute.io.index;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.razorvine.pickle.Unpickler;
import org.emflow.compute.util.BadInputException;

/**
 * Reads a list of 0-based indices (particles or images) from the files tomoDRGN and its users write:
 * a Python pickle of a numpy integer array or of a list of ints ({@code .pkl}, read with the
 * maintained net.razorvine unpickler and {@link NumpyPickle}'s constructors; no code in the pickle is
 * ever run), a numpy {@code .npy} file of a 1-D integer array (format: numpy NEP 1), or plain text
 * (integers separated by blanks or commas, {@code #} comments). The format is recognised by content.
 */
public final class IndexFiles {
    /** The largest index file read: one array's worth of bytes (over 250 million int64 indices). */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private IndexFiles() {
    }

    /**
     * The indices in {@code path}, in file order.
     *
     * @throws BadInputException when the file is missing, unreadable, or holds something other than integers
     */
    public static int[] read(Path path) throws IOException {
        byte[] bytes;
        try {
            // The bound of one Java array, as for STAR files: beyond it readAllBytes throws OutOfMemoryError.
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new BadInputException(path + ": index file of " + size + " bytes is larger than 2 GiB");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new BadInputException("index file not found: " + path, e);
        } catch (java.nio.file.FileSystemException e) {
            // too long a name, a file where a folder should be, no permission: as bad as a missing file
            throw new BadInputException(path + ": cannot read the index file: " + e.getReason(), e);
        }
        if (bytes.length >= 6 && java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, 6), NPY_MAGIC)) {
            return readNpy(bytes, path);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x80) {
            return readPickle(bytes, path);
        }
        return readText(bytes, path);
    }

    private static int[] readPickle(byte[] bytes, Path path) {
        NumpyPickle.register();
        Object o;
        Unpickler u = new BoundedUnpickler();
        try {
            o = u.load(new ByteArrayInputStream(bytes));
        } catch (RuntimeException | IOException e) {
            throw new BadInputException(path + ": not a readable pickle of integer indices: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            // A pickle can build a list that contains itself and then use it as a dict key or set member;
            // hashing it recurses without end. The stack is unwound by now, so this is just a bad file.
            throw new BadInputException(path + ": not a readable pickle of integer indices: it nests or refers to itself without end");
        } finally {
            u.close();
        }
        if (o instanceof NumpyPickle.NdArray a) {
            return a.toIntArray(path.toString());
        }
        if (o instanceof Collection<?> c) {
            return fromObjects(c.toArray(), path);
        }
        if (o instanceof Object[] arr) {
            return fromObjects(arr, path);
        }
        if (o instanceof int[] ints) {
            return ints.clone();
        }
        throw new BadInputException(path + ": the pickle holds a " + (o == null ? "None" : o.getClass().getSimpleName())
                + ", not an array or list of integer indices");
    }

    /**
     * An unpickler that checks the length every sized opcode announces against the bytes left before
     * reading: the library allocates the announced length first, so four bytes claiming 2 GiB would
     * otherwise cost an out-of-memory instead of a "truncated pickle".
     */
    private static final class BoundedUnpickler extends Unpickler {
        @Override
        protected Object dispatch(short key) throws IOException {
            int width = switch (key) {
                case 'T', 'B', 'X', 0x8a -> 4; // BINSTRING, BINBYTES, BINUNICODE, LONG4
                case 0x8d, 0x8e, 0x95, 0x96 -> 8; // BINUNICODE8, BINBYTES8, FRAME, BYTEARRAY8
                default -> 0;
            };
            if (width > 0) {
                input.mark(width);
                byte[] len = input.readNBytes(width);
                input.reset();
                // Little-endian, read as unsigned: a negative 4-byte length is as impossible as a huge one.
                long n = 0;
                for (int i = len.length - 1; i >= 0; i--) {
                    n = (n << 8) | (len[i] & 0xff);
                }
                long left = input.available() - (long) width;
                if (len.length < width || n < 0 || n > left) {
                    throw new net.razorvine.pickle.PickleException("opcode 0x" + Integer.toHexString(key) + " announces "
                            + Long.toUnsignedString(n) + " bytes, but only " + Math.max(0, left) + " follow (truncated or corrupt pickle)");
                }
            }
            return super.dispatch(key);
        }
    }

    private static int[] fromObjects(Object[] values, Path path) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = NumpyPickle.toIndex(values[i], i, path);
        }
        return out;
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([iu])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d*)\\s*,?\\s*\\)");

    private static int[] readNpy(byte[] bytes, Path path) {
        if (bytes.length < 10) {
            throw new BadInputException(path + ": truncated .npy header");
        }
        int major = bytes[6] & 0xff;
        if (major < 1 || major > 3) {
            throw new BadInputException(path + ": .npy format version " + major + " is not one numpy writes (1, 2 or 3)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xffff;
            headerStart = 10;
        } else {
            if (bytes.length < 12) {
                throw new BadInputException(path + ": truncated .npy header");
            }
            headerLen = b.getInt(8);
            headerStart = 12;
        }
        if (headerLen < 0 || headerStart + (long) headerLen > bytes.length) {
            throw new BadInputException(path + ": truncated .npy header");
        }
        String header = new String(bytes, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        if (!d.find() || !s.find() || !f.find()) {
            throw new BadInputException(path + ": .npy file is not a 1-D integer array (header " + header.strip() + ")");
        }
        // More digits than a long holds is as wrong as any count beyond the data: refuse it here, not
        // with parseLong's NumberFormatException.
        if (s.group(1).length() > 18) {
            throw new BadInputException(path + ": .npy shape (" + s.group(1) + ",) is larger than any file");
        }
        long n = s.group(1).isEmpty() ? 1 : Long.parseLong(s.group(1));
        return NumpyPickle.decodeIntegers(bytes, headerStart + headerLen, n, d.group(1).charAt(0),
                d.group(2).charAt(0), d.group(3).charAt(0) - '0', path.toString());
    }

    private static int[] readText(byte[] bytes, Path path) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        java.util.List<Integer> out = new java.util.ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            for (String tok : line.trim().split("[\\s,]+")) {
                if (tok.isEmpty()) {
                    continue;
                }
                try {
                    out.add(Integer.parseInt(tok));
                } catch (NumberFormatException e) {
                    throw new BadInputException(path + ": line " + (l + 1) + ": '" + tok + "' is not an integer index");
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
