package org.emflow.compute.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Selection semantics of specs/tomodrgn-backproject.md 2.2 on a star whose doses are out of order. */
class SelectionTest {
    @TempDir
    Path dir;
    Path star;

    @BeforeEach
    void writeStar() throws IOException {
        SyntheticLayoutsTest.stack(dir.resolve("s.mrcs"), 10, 2.0);
        // particle A: 4 images, doses 30 10 20 40; B: 2 images; C: 4 images, rows interleaved with B
        star = Files.writeString(dir.resolve("sel.star"), """
                data_
                loop_
                _rlnImageName
                _rlnDetectorPixelSize
                _rlnAngleRot
                _rlnAngleTilt
                _rlnAnglePsi
                _rlnGroupName
                _rlnCtfBfactor
                1@s.mrcs 2 0 0 0 A -120
                2@s.mrcs 2 0 0 0 A -40
                3@s.mrcs 2 0 0 0 A -80
                4@s.mrcs 2 0 0 0 A -160
                5@s.mrcs 2 0 0 0 B -4
                6@s.mrcs 2 0 0 0 C -8
                7@s.mrcs 2 0 0 0 B -8
                8@s.mrcs 2 0 0 0 C -4
                9@s.mrcs 2 0 0 0 C -12
                10@s.mrcs 2 0 0 0 C -16
                """);
    }

    private List<Integer> indices(Selection s) throws IOException {
        return ParticleTableReader.read(star, ReadOptions.DEFAULT.withSelection(s)).images().stream()
                .map(r -> r.source().index()).toList();
    }

    @Test
    void imageIndicesKeepThoseRows() throws IOException {
        assertEquals(List.of(1, 3, 5), indices(Selection.ALL.withImageIndices(new int[] {3, 1, 5}, null)));
    }

    @Test
    void doseAscendingDecidesWhichTiltsTheFirstNKeepButProcessingIsInStackOrder() throws IOException {
        Selection s = Selection.ALL.withSort(SortOrder.DOSE_ASCENDING, 0).withFirstTilts(3);
        // A keeps doses 10, 20, 30 = stack 1, 2, 0; B has only 2 images and is dropped; C keeps 7, 5, 8
        assertEquals(List.of(0, 1, 2, 5, 7, 8), indices(s));
        assertEquals(List.of(0, 1, 2, 5, 7, 8), indices(s.withFirstParticles(5)));
        assertEquals(List.of(0, 1, 2), indices(s.withFirstParticles(1)));
        assertEquals(List.of(0, 1, 2, 3, 4, 6), indices(Selection.ALL.withFirstParticles(2)));
        // unsorted: the first 2 of each particle in file order
        assertEquals(List.of(0, 1, 4, 6, 5, 7), indices(Selection.ALL.withFirstTilts(2)));
    }

    @Test
    void randomOrderIsSeededAndReproducible() throws IOException {
        Selection a = Selection.ALL.withSort(SortOrder.RANDOM, 7).withFirstTilts(2);
        assertEquals(indices(a), indices(a));
        boolean differs = false;
        for (long seed = 0; seed < 20 && !differs; seed++) {
            differs = !indices(Selection.ALL.withSort(SortOrder.RANDOM, seed).withFirstTilts(2))
                    .equals(indices(Selection.ALL.withFirstTilts(2)));
        }
        assertTrue(differs, "some seed picks other tilts than file order");
        assertNotEquals(SortOrder.RANDOM, SortOrder.parse("dose_ascending"));
    }

    @Test
    void outOfRangeAndEmptySelectionsAreErrors() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> indices(Selection.ALL.withParticleIndices(new int[] {0, 3}, "p.pkl")));
        assertEquals("setting 'ind' p.pkl: index 3 (entry 1) is out of range: " + star + " has 3 particles (valid 0..2)",
                e.getMessage());
        e = assertThrows(BadInputException.class, () -> indices(Selection.ALL.withImageIndices(new int[] {-1}, null)));
        assertTrue(e.getMessage().contains("setting 'ind-imgs': index -1"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> indices(Selection.ALL.withFirstTilts(5)));
        assertEquals(star + ": the selection leaves no image (setting 'use-first-ntilts' 5)", e.getMessage());
        e = assertThrows(BadInputException.class, () -> SortOrder.parse("backwards"));
        assertTrue(e.getMessage().contains("backwards"));
    }
}
