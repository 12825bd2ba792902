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
}
