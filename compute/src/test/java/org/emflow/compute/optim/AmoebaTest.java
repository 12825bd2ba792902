package org.emflow.compute.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPARX's simplex maximiser (specs/sparx.md §A.5). */
class AmoebaTest {
    @Test
    void findsTheMaximumOfAnAnisotropicQuadraticAndReturnsItsPassout() {
        Amoeba<String> a = new Amoeba<>(1e-8, 1e-6, 2000);
        Amoeba.Result<String> r = a.maximise(new double[] {0, 0}, new double[] {1, 1},
                x -> new Amoeba.Value<>(5 - (x[0] - 1) * (x[0] - 1) - 10 * (x[1] + 2) * (x[1] + 2), x[0] + "," + x[1]));
        assertArrayEquals(new double[] {1, -2}, r.x(), 1e-3);
        assertEquals(5, r.value(), 1e-5);
        assertEquals(r.x()[0] + "," + r.x()[1], r.passout(), "the by-product of the best vertex");
        assertTrue(r.iterations() < 2000);
    }

    @Test
    void theInitialSimplexIsOneSidedAndItmaxStops() {
        List<double[]> seen = new ArrayList<>();
        Amoeba<Void> a = new Amoeba<>(0, 0, 3);
        Amoeba.Result<Void> r = a.maximise(new double[] {2, 3, 4}, new double[] {0.5, 1, 2}, x -> {
            seen.add(x.clone());
            return new Amoeba.Value<>(-(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]), null);
        });
        assertArrayEquals(new double[] {2, 3, 4}, seen.get(0));
        assertArrayEquals(new double[] {2.5, 3, 4}, seen.get(1));
        assertArrayEquals(new double[] {2, 4, 4}, seen.get(2));
        assertArrayEquals(new double[] {2, 3, 6}, seen.get(3));
        assertEquals(3, r.iterations(), "ftol = xtol = 0 never converges: itmax ends it");
        // reflection of the worst vertex (2, 3, 6) through the centroid of the others (13/6, 10/3, 4)
        assertArrayEquals(new double[] {2 * 13.0 / 6 - 2, 2 * 10.0 / 3 - 3, 2}, seen.get(4), 1e-12);
    }

    @Test
    void bothTolerancesMustBeMet() {
        // A plateau: the values agree at once (frange = 0), but the simplex must still shrink below xtol.
        Amoeba<Void> a = new Amoeba<>(1e-4, 1e-3, 500);
        Amoeba.Result<Void> r = a.maximise(new double[] {0}, new double[] {1}, x -> new Amoeba.Value<>(Math.abs(x[0]) < 0.3 ? 1 : 0, null));
        assertTrue(r.iterations() > 1, "stopped at " + r.iterations());
        assertEquals(1, r.value(), 0);
    }
}
