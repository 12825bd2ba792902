package org.emflow.compute.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ConventionsTest {

    @Test
    void eulerMatrixIsRelionZyz() {
        // A = Rz(psi) Ry(tilt) Rz(rot) with RELION's passive matrices: Rz(a) = [[c, s, 0], [-s, c, 0], [0, 0, 1]],
        // Ry(b) = [[c, 0, -s], [0, 1, 0], [s, 0, c]].
        double rot = 30, tilt = 50, psi = -20;
        double[] m = Conventions.eulerMatrix(rot, tilt, psi);
        double[] expected = mul(mul(rz(psi), ry(tilt)), rz(rot));
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i], m[i], 1e-12, "element " + i);
        }
        // Tilt 90 about y: the viewing axis (row 3) becomes map +x; image x becomes map -z.
        double[] t = Conventions.eulerMatrix(0, 90, 0);
        assertEquals(1.0, t[6], 1e-12);
        assertEquals(-1.0, t[2], 1e-12);
        // rot 90: image x is map +y.
        double[] r = Conventions.eulerMatrix(90, 0, 0);
        assertEquals(1.0, r[1], 1e-12);
    }

    @Test
    void eulerMatrixIsARotation() {
        double[] m = Conventions.eulerMatrix(123, 77, -41);
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        assertEquals(1.0, det, 1e-12);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2];
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12);
            }
        }
    }

    @Test
    void centredFftPutsOriginAtHalfBoxWithZeroPhase() {
        // A delta at pixel (n/2, n/2) transforms to 1 + 0i everywhere.
        int n = 16;
        float[] img = new float[n * n];
        img[(n / 2) * n + n / 2] = 1f;
        CentredFft2 f = new CentredFft2(n, 1);
        float[] re = new float[f.outputLength()], im = new float[f.outputLength()];
        f.transform(img, 1f, 0, 0, re, im);
        for (int i = 0; i < re.length; i++) {
            assertEquals(1.0, re[i], 1e-5);
            assertEquals(0.0, im[i], 1e-5);
        }
    }

    @Test
    void centredFftMatchesDirectDftWithPaddingAndShift() {
        int n = 12, pad = 2, big = n * pad;
        Random rnd = new Random(3);
        float[] img = new float[n * n];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) rnd.nextGaussian();
        }
        double ox = 1.7, oy = -2.25;
        CentredFft2 f = new CentredFft2(n, pad);
        float[] re = new float[f.outputLength()], im = new float[f.outputLength()];
        f.transform(img, -1f, ox, oy, re, im);
        int h = big / 2;
        for (int ky = -h; ky < h; ky++) {
            for (int kx = 0; kx < h; kx++) {
                // F(k) = sum -img(x) exp(-2 pi i k.(x - n/2)/N) · exp(-2 pi i k.origin/N)
                double sr = 0, si = 0;
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        double ph = -2 * Math.PI * (kx * (x - n / 2 + ox) + ky * (y - n / 2 + oy)) / big;
                        sr += -img[y * n + x] * Math.cos(ph);
                        si += -img[y * n + x] * Math.sin(ph);
                    }
                }
                int o = (ky + h) * h + kx;
                assertEquals(sr, re[o], 1e-3, "re at " + kx + "," + ky);
                assertEquals(si, im[o], 1e-3, "im at " + kx + "," + ky);
            }
        }
    }

    @Test
    void shiftMovesImageContentByPlusOrigin() {
        // A delta at x = n/2 - 3 with origin (+3, 0) is centred: all coefficients real and equal.
        int n = 16;
        float[] img = new float[n * n];
        img[(n / 2) * n + n / 2 - 3] = 1f;
        CentredFft2 f = new CentredFft2(n, 1);
        float[] re = new float[f.outputLength()], im = new float[f.outputLength()];
        f.transform(img, 1f, 3, 0, re, im);
        for (int i = 0; i < re.length; i++) {
            assertEquals(1.0, re[i], 1e-5);
            assertEquals(0.0, im[i], 1e-5);
        }
    }

    @Test
    void handFlipMirrorsAboutTheOrigin() {
        assertEquals(8, Conventions.flipZ(8, 16));
        assertEquals(11, Conventions.flipZ(5, 16));
        assertEquals(0, Conventions.flipZ(0, 16));
        assertEquals(8, Conventions.origin(16));
        assertEquals(7, Conventions.origin(15));
    }

    private static double[] rz(double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        return new double[] { c, s, 0, -s, c, 0, 0, 0, 1 };
    }

    private static double[] ry(double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        return new double[] { c, 0, -s, 0, 1, 0, s, 0, c };
    }

    private static double[] mul(double[] a, double[] b) {
        double[] o = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    o[3 * i + j] += a[3 * i + k] * b[3 * k + j];
                }
            }
        }
        return o;
    }
}
