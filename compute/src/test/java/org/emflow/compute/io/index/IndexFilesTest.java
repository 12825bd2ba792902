package org.emflow.compute.io.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.emflow.compute.testing.SharedData;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFilesTest {
    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(IndexFilesTest.class.getResource("/index/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void tomodrgnPickleOfNumpy1ArraySelectsFirstTenAndLastTen() throws IOException {
        int[] ind = IndexFiles.read(SharedData.require("tomodrgn/ind_ptcl_first10last10.pkl"));
        int[] expected = IntStream.concat(IntStream.range(0, 10), IntStream.range(134, 144)).toArray();
        assertArrayEquals(expected, ind);
        assertArrayEquals(IntStream.range(20, 40).toArray(),
                IndexFiles.read(SharedData.require("tomodrgn/warptools_test_ind_last2tomos.pkl")));
        int[] classD = IndexFiles.read(SharedData.require("tomodrgn/ptcl_ind_classD.pkl"));
        assertEquals(73, classD.length, "the repository's classD file has 73 entries (0..72), see spec 5.15");
        assertEquals(72, classD[72]);
    }

    @Test
    void numpy2PicklesListsScalarsNpyAndTextAllRead() throws IOException {
        assertArrayEquals(new int[] {3, 1, 4, 1, 5}, IndexFiles.read(resource("numpy2_int64.pkl")));
        assertArrayEquals(new int[] {2, 7, 1}, IndexFiles.read(resource("list_of_ints.pkl")));
        assertArrayEquals(new int[] {9, 8}, IndexFiles.read(resource("numpy_scalars.pkl")));
        assertArrayEquals(new int[] {5, 0, 143}, IndexFiles.read(resource("int32_3.npy")));
        assertArrayEquals(new int[] {7, 65535}, IndexFiles.read(resource("uint16_be.npy")));
        assertArrayEquals(new int[] {0, 1, 2, 10}, IndexFiles.read(resource("indices.txt")));
    }

    @Test
    void nonIntegerContentIsABadInputNamingTheFile() throws IOException {
        BadInputException e = assertThrows(BadInputException.class, () -> IndexFiles.read(resource("float_array.pkl")));
        assertTrue(e.getMessage().contains("float_array.pkl") && e.getMessage().contains("f8"), e.getMessage());
        Path txt = Files.writeString(dir.resolve("bad.txt"), "1 2\n3 x\n");
        e = assertThrows(BadInputException.class, () -> IndexFiles.read(txt));
        assertEquals(txt + ": line 2: 'x' is not an integer index", e.getMessage());
        Path trunc = Files.write(dir.resolve("t.pkl"), java.util.Arrays.copyOf(
                Files.readAllBytes(resource("numpy2_int64.pkl")), 60));
        e = assertThrows(BadInputException.class, () -> IndexFiles.read(trunc));
        assertTrue(e.getMessage().startsWith(trunc.toString()), e.getMessage());
    }

    /**
     * A protocol-2 pickle of a numpy 1 array, as numpy writes it, with the dtype name, shape and raw data
     * given: {@code _reconstruct(ndarray, (0,), b'b')} then BUILD with (1, shape, dtype(name), False, data).
     */
    private static byte[] numpyPickle(String dtype, int[] shape, byte[] data) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> ascii = t -> b.writeBytes(t.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ascii.accept("\u0080\u0002cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\nK\u0000\u0085U\u0001b\u0087R(K\u0001(");
        for (int d : shape) {
            ascii.accept("J");
            b.writeBytes(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(d).array());
        }
        ascii.accept("tcnumpy\ndtype\nX");
        b.writeBytes(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(dtype.length()).array());
        ascii.accept(dtype + "K\u0000K\u0001\u0087R(K\u0003X\u0001\u0000\u0000\u0000<NNNJ\u00ff\u00ff\u00ff\u00ffJ\u00ff\u00ff\u00ff\u00ffK\u0000tb\u0089C");
        b.write(data.length);
        b.writeBytes(data);
        ascii.accept("tb.");
        return b.toByteArray();
    }

    private BadInputException refused(String name, byte[] bytes) throws IOException {
        Path f = Files.write(dir.resolve(name), bytes);
        BadInputException e = assertThrows(BadInputException.class, () -> IndexFiles.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
        return e;
    }

    @Test
    void handBuiltNumpyPickleReadsSoTheMalformedOnesBelowTestWhatTheySay() throws IOException {
        Path f = Files.write(dir.resolve("ok.pkl"), numpyPickle("i2", new int[] {3}, new byte[] {5, 0, 7, 0, 9, 0}));
        assertArrayEquals(new int[] {5, 7, 9}, IndexFiles.read(f));
        Path column = Files.write(dir.resolve("column.pkl"), numpyPickle("u1", new int[] {2, 1}, new byte[] {4, (byte) 200}));
        assertArrayEquals(new int[] {4, 200}, IndexFiles.read(column));
    }

    @Test
    void malformedDtypesInAPickleAreBadInputsNamingTheFileAndTheDtype() throws IOException {
        // Was NumberFormatException 'For input string: "["' (exit 3) from parsing the size after the kind.
        BadInputException e = refused("bracket.pkl", numpyPickle("i[", new int[] {1}, new byte[8]));
        assertTrue(e.getMessage().contains("dtype 'i['"), e.getMessage());
        refused("size3.pkl", numpyPickle("i3", new int[] {1}, new byte[3]));
        refused("i.pkl", numpyPickle("i", new int[] {1}, new byte[8]));
        e = refused("huge.pkl", numpyPickle("i99999999999", new int[] {1}, new byte[8]));
        assertTrue(e.getMessage().contains("expected integers"), e.getMessage());
    }

    @Test
    void malformedShapesInAPickleAreBadInputs() throws IOException {
        // (3, -1, -1): the product of the trailing dimensions is 1, but the array is not 1-D
        BadInputException e = refused("neg.pkl", numpyPickle("i1", new int[] {3, -1, -1}, new byte[3]));
        assertTrue(e.getMessage().contains("3 dimensions"), e.getMessage());
        e = refused("long.pkl", numpyPickle("i1", new int[] {-5}, new byte[3]));
        assertTrue(e.getMessage().contains("-5 values"), e.getMessage());
        refused("short.pkl", numpyPickle("i8", new int[] {2}, new byte[8]));
    }

    @Test
    void pickleLengthsBeyondTheFileAndSelfReferencesAreBadInputsNotOutOfMemoryOrStackOverflow() throws IOException {
        // BINBYTES announcing 2 GiB - 1: the unpickler would allocate it before finding the file ends
        BadInputException e = refused("big.pkl", new byte[] {(byte) 0x80, 3, 'B', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, '.'});
        assertTrue(e.getMessage().contains("announces 2147483647 bytes"), e.getMessage());
        // a list appended to itself, then used as a dict key: hashing it never ends
        refused("self.pkl", new byte[] {(byte) 0x80, 2, '}', ']', 'q', 0, 'h', 0, 'a', 'K', 1, 's', '.'});
        // a list of two lists that contain each other: the message names the entry's type, not its contents
        e = refused("mutual.pkl", new byte[] {(byte) 0x80, 2, ']', 'q', 0, ']', 'q', 1, 'h', 0, 'a', 'h', 1, 'a', '.'});
        assertTrue(e.getMessage().endsWith("entry 0 of the pickled list is a ArrayList, not an integer index"), e.getMessage());
    }

    /** A version-1 .npy file with the given header dictionary and data. */
    private static byte[] npy(String header, byte[] data) {
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + h.length + data.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h).put(data);
        return b.array();
    }

    @Test
    void npyHeadersWithBadShapeDtypeFortranOrderOrVersionAreBadInputs() throws IOException {
        Path ok = Files.write(dir.resolve("ok.npy"), npy("{'descr': '<i2', 'fortran_order': True, 'shape': (2,), }\n", new byte[] {1, 0, 2, 0}));
        assertArrayEquals(new int[] {1, 2}, IndexFiles.read(ok), "fortran order is the same for one dimension");
        BadInputException e = refused("digits.npy", npy("{'descr': '<i2', 'fortran_order': False, 'shape': (99999999999999999999999,), }", new byte[4]));
        assertTrue(e.getMessage().contains("99999999999999999999999"), e.getMessage());
        refused("2d.npy", npy("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 2), }", new byte[8]));
        refused("float.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        refused("size3.npy", npy("{'descr': '<i3', 'fortran_order': False, 'shape': (1,), }", new byte[3]));
        refused("nofortran.npy", npy("{'descr': '<i2', 'fortran_order': maybe, 'shape': (1,), }", new byte[2]));
        refused("short.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", new byte[8]));
        byte[] v9 = npy("{'descr': '<i2', 'fortran_order': False, 'shape': (1,), }", new byte[2]);
        v9[6] = 9;
        e = refused("v9.npy", v9);
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void textIndexFilesRefuseNumbersBeyondIntAndNonIntegers() throws IOException {
        BadInputException e = refused("big.txt", "1, 2\n# comment\n3 99999999999\n".getBytes());
        assertTrue(e.getMessage().endsWith("line 3: '99999999999' is not an integer index"), e.getMessage());
        refused("float.txt", "1.5\n".getBytes());
        assertArrayEquals(new int[] {-1, 4}, IndexFiles.read(Files.writeString(dir.resolve("ok.txt"), " -1,\t4 # last\n\n")));
    }

    @Test
    void anIndexFileJustOverTheBoundIsRefusedWithoutReadingIt() throws IOException {
        Path huge = dir.resolve("huge.pkl");
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            r.setLength(IndexFiles.MAX_BYTES + 1); // sparse: nothing is written, and reading it would not fit an array
        }
        BadInputException e = assertThrows(BadInputException.class, () -> IndexFiles.read(huge));
        assertEquals(huge + ": index file of " + (IndexFiles.MAX_BYTES + 1) + " bytes is larger than 2 GiB", e.getMessage());
    }

    @Test
    void aNameTheFileSystemRefusesIsABadInputNamingIt() {
        Path tooLong = dir.resolve("i".repeat(300) + ".pkl");
        BadInputException e = assertThrows(BadInputException.class, () -> IndexFiles.read(tooLong));
        assertEquals(tooLong + ": cannot read the index file: File name too long", e.getMessage());
    }
}
