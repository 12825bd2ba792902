package org.emflow.compute.io.star;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarReaderTest {
    @TempDir
    Path dir;

    static final String DIALECT = "# RELION version 50001\r\n"
            + "\r\n"
            + "data_general\r\n"
            + "\r\n"
            + "_rlnTomoSubTomosAre2DStacks   1\r\n"
            + "_emflowNote  'a quoted value'   # trailing comment\r\n"
            + "\r\n"
            + "data_optics\r\n"
            + "loop_\r\n"
            + "_rlnOpticsGroup #1\r\n"
            + "_rlnOpticsGroupName #2\r\n"
            + "_rlnImagePixelSize #3\r\n"
            + "  1  opticsGroup1  1.5\r\n"
            + "\r\n"
            + "  2  \"group two\"  nan\r\n"
            + "# a comment between rows\r\n"
            + "  3  it's   -inf\r\n"
            + "\r\n"
            + "data_\r\n"
            + "loop_\n"
            + "_rlnImageName\n"
            + "_rlnDefocusU\n"
            + "_myUnknownColumn\n"
            + "1@stack.mrcs 1.25e4 [0,1,1]\n"
            + "2@stack.mrcs -3 x\n";

    @Test
    void readsBlocksPairsLoopsQuotesCommentsBlankLinesCrlfNanAndInf() {
        List<StarBlock> blocks = StarReader.parse(DIALECT.getBytes(StandardCharsets.UTF_8), "t.star");
        assertEquals(List.of("general", "optics", ""), blocks.stream().map(StarBlock::name).toList());
        StarBlock general = blocks.get(0);
        assertNull(general.loop());
        assertEquals("1", general.value("rlnTomoSubTomosAre2DStacks"));
        assertEquals("a quoted value", general.value("emflowNote"));
        assertEquals("'a quoted value'", general.rawPairs().get("emflowNote"));

        StarLoop optics = blocks.get(1).loop();
        assertEquals(List.of("rlnOpticsGroup", "rlnOpticsGroupName", "rlnImagePixelSize"), optics.columns());
        assertEquals(3, optics.rowCount());
        assertEquals("group two", optics.get(1, 1));
        assertEquals("it's", optics.get(2, 1), "a quote inside a bare word is part of it");
        double[] px = optics.doubles("rlnImagePixelSize");
        assertEquals(1.5, px[0]);
        assertTrue(Double.isNaN(px[1]));
        assertEquals(Double.NEGATIVE_INFINITY, px[2]);
        assertArrayEquals(new int[] {1, 2, 3}, optics.ints("rlnOpticsGroup"));
        assertEquals(15, optics.line(1));

        StarLoop particles = blocks.get(2).loop();
        assertArrayEquals(new double[] {12500, -3}, particles.doubles(1));
        assertEquals("[0,1,1]", particles.get(0, "myUnknownColumn"));
    }

    @Test
    void numbersParseExactlyLikeJava() {
        String[] samples = {"0", "-0.0", "13.1", "0.9986295", "-45.99741", "1e-300", "123456789012345678901234",
            "3.4028235E38", "+7.", ".5", "2.5E+3", "0.000001234", "99999999999999999", "1.7976931348623157e308"};
        boolean[] ok = new boolean[1];
        for (String s : samples) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertEquals(Double.parseDouble(s), StarNumbers.parse(b, 0, b.length, ok), s);
            assertTrue(ok[0], s);
        }
        for (String bad : new String[] {"", "-", "1e", "1.2.3", "abc", "0x10", "1,5", "1e+"}) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            StarNumbers.parse(b, 0, b.length, ok);
            assertTrue(!ok[0], bad);
        }
    }

    @Test
    void roundTripKeepsBlockOrderUnknownColumnsAndCellsVerbatim() throws IOException {
        Path in = Files.writeString(dir.resolve("in.star"), DIALECT);
        StarFile f = StarReader.read(in);
        Path out = dir.resolve("out.star");
        StarWriter.write(out, f, false);
        StarFile g = StarReader.read(out);
        assertEquals(f.blocks().size(), g.blocks().size());
        for (int i = 0; i < f.blocks().size(); i++) {
            StarBlock a = f.blocks().get(i);
            StarBlock b = g.blocks().get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.rawPairs(), b.rawPairs());
            assertEquals(a.isLoop(), b.isLoop());
            if (a.isLoop()) {
                assertEquals(a.loop().columns(), b.loop().columns());
                for (int r = 0; r < a.loop().rowCount(); r++) {
                    for (int c = 0; c < a.loop().columnCount(); c++) {
                        assertEquals(a.loop().raw(r, c), b.loop().raw(r, c));
                    }
                }
            }
        }
        // writing again gives the same bytes
        ByteArrayOutputStream once = new ByteArrayOutputStream();
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        StarWriter.write(f, once);
        StarWriter.write(g, twice);
        assertArrayEquals(once.toByteArray(), twice.toByteArray());
    }

    @Test
    void builtTablesQuoteValuesThatNeedIt() {
        StarLoop loop = StarLoop.builder(List.of("rlnImageName", "rlnMicrographName"))
                .addRow("1@a b.mrcs", "").addRow("data_x", "plain").build();
        StarFile f = new StarFile(null, List.of(StarBlock.ofPairs("general", Map.of("k", "two words")),
                StarBlock.ofLoop("particles", loop)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            StarWriter.write(f, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<StarBlock> back = StarReader.parse(out.toByteArray(), "mem");
        assertEquals("two words", back.get(0).value("k"));
        StarLoop l = back.get(1).loop();
        assertEquals("1@a b.mrcs", l.get(0, 0));
        assertEquals("", l.get(0, 1));
        assertEquals("data_x", l.get(1, 0));
        assertEquals("plain", l.get(1, 1));
    }

    private static String errorOf(String text) {
        return assertThrows(BadInputException.class,
                () -> StarReader.parse(text.getBytes(StandardCharsets.UTF_8), "bad.star")).getMessage();
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        assertEquals("bad.star: line 6: 3 values, but the loop of block data_p (line 2) has 2 columns",
                errorOf("data_p\nloop_\n_a\n_b\n1 2\n1 2 3\n"));
        assertEquals("bad.star: line 4: duplicate column _a in block data_p",
                errorOf("data_p\nloop_\n_a #1\n_a #2\n"));
        assertEquals("bad.star: line 2: unterminated quoted value 'abc", errorOf("data_\n_k 'abc\n"));
        assertEquals("bad.star: line 1: _k before the first data_ block", errorOf("_k 1\n"));
        assertEquals("bad.star: line 3: duplicate key _k in block data_x", errorOf("data_x\n_k 1\n_k 2\n"));
        assertEquals("bad.star: line 2: _k has no value", errorOf("data_x\n_k\n"));
        String nonNumeric = assertThrows(BadInputException.class, () -> StarReader.parse(
                "data_p\nloop_\n_a\n_b\n1 2\n3 x4\n".getBytes(StandardCharsets.UTF_8), "bad.star").get(0).loop()
                .doubles("b")).getMessage();
        assertEquals("bad.star (data_p): line 6, column _b (#2): 'x4' is not a number", nonNumeric);
    }

    @Test
    void aStarFileJustOverTheBoundIsRefusedWithoutReadingItAlsoAsAParticleTable() throws IOException {
        Path huge = dir.resolve("huge.star");
        long size = Integer.MAX_VALUE - 15; // one byte more than StarReader reads into its array
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            r.setLength(size); // sparse: nothing is written
        }
        String expected = huge + ": STAR file of " + size + " bytes is larger than 2 GiB";
        assertEquals(expected, assertThrows(BadInputException.class, () -> StarReader.read(huge)).getMessage());
        assertEquals(expected, assertThrows(BadInputException.class, () -> org.emflow.compute.particles.ParticleTableReader.read(
                huge, org.emflow.compute.particles.ReadOptions.DEFAULT)).getMessage(), "the particle-table layer reads through StarReader");
    }

    @Test
    void aNameTheFileSystemRefusesIsABadInputNamingIt() {
        Path tooLong = dir.resolve("p".repeat(300) + ".star"); // beyond the 255 bytes of a file name
        BadInputException e = assertThrows(BadInputException.class, () -> StarReader.read(tooLong));
        assertEquals(tooLong + ": cannot read the STAR file: File name too long", e.getMessage());
    }
}
