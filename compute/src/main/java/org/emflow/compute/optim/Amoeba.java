package org.emflow.compute.optim;

/**
 * The simplex maximiser of SPARX's refinement (T. Metcalf's "amoeba", specs/sparx.md §A.5), reproduced step for
 * step because its moves differ from textbook Nelder-Mead: a one-sided initial simplex x₀ + sᵢ·eᵢ, reflection,
 * expansion to 3c − 2x_w, no contractions but a shrink towards the best vertex when the reflection is no better
 * than the worst, and a stop only when both the relative value range (ftol) and the scaled simplex size (xtol)
 * are small, or after itmax iterations. Each evaluation may carry a by-product (the shift found for those
 * angles), which is returned with the best vertex.
 *
 * <p>Why not a library's simplex (Hipparchus' {@code NelderMeadSimplex}, Apache Commons Math's): their moves are
 * textbook Nelder-Mead (contractions, another expansion point, a symmetric start), so the refinement would take
 * other paths to other local optima than SPARX's, and the by-product of the best evaluation has no place in their
 * API; parity with {@code sxlocal_ali3d} needs these moves.
 *
 * @param <P> the by-product of an evaluation
 */
public final class Amoeba<P> {
    /** The value at a point and what the evaluation found on the way. */
    public record Value<P>(double value, P passout) {
    }

    /** The function to maximise. */
    @FunctionalInterface
    public interface Objective<P> {
        Value<P> evaluate(double[] x);
    }

    /** The best vertex, its value and by-product, and the number of iterations. */
    public record Result<P>(double[] x, double value, P passout, int iterations) {
    }

    private final double ftol;
    private final double xtol;
    private final int itmax;

    public Amoeba(double ftol, double xtol, int itmax) {
        this.ftol = ftol;
        this.xtol = xtol;
        this.itmax = itmax;
    }

    /** Maximises {@code f} from {@code x0} with per-variable scales {@code scales} (the initial steps). */
    public Result<P> maximise(double[] x0, double[] scales, Objective<P> f) {
        int n = x0.length;
        double[][] v = new double[n + 1][];
        @SuppressWarnings("unchecked")
        Value<P>[] fv = new Value[n + 1];
        v[0] = x0.clone();
        for (int i = 0; i < n; i++) {
            v[i + 1] = x0.clone();
            v[i + 1][i] += scales[i];
        }
        for (int i = 0; i <= n; i++) {
            fv[i] = f.evaluate(v[i].clone());
        }
        double[] c = new double[n];
        for (int iteration = 0; ; iteration++) {
            int b = 0, w = 0;
            for (int i = 1; i <= n; i++) {
                if (fv[i].value() > fv[b].value()) {
                    b = i;
                }
                if (fv[i].value() < fv[w].value()) {
                    w = i;
                }
            }
            java.util.Arrays.fill(c, 0);
            for (int i = 0; i <= n; i++) {
                if (i != w) {
                    for (int k = 0; k < n; k++) {
                        c[k] += v[i][k] / n;
                    }
                }
            }
            double fb = fv[b].value(), fw = fv[w].value();
            double denominator = (Math.abs(fb) + Math.abs(fw)) / 2;
            double frange = denominator == 0 ? 0 : Math.abs(fb - fw) / denominator;
            double simscale = 0;
            for (int k = 0; k < n; k++) {
                simscale += Math.abs(c[k] - v[w][k]) / scales[k] / n;
            }
            if ((frange < ftol && simscale < xtol) || iteration >= itmax) {
                return new Result<>(v[b].clone(), fb, fv[b].passout(), iteration);
            }
            double[] r = new double[n];
            for (int k = 0; k < n; k++) {
                r[k] = 2 * c[k] - v[w][k];
            }
            Value<P> fr = f.evaluate(r.clone());
            double[] next;
            Value<P> fnext;
            if (fr.value() <= fw) {
                // shrink every other vertex towards the best, then replace the worst by its midpoint with the best
                for (int i = 0; i <= n; i++) {
                    if (i != b && i != w) {
                        for (int k = 0; k < n; k++) {
                            v[i][k] = 0.5 * (v[i][k] + v[b][k]);
                        }
                        fv[i] = f.evaluate(v[i].clone());
                    }
                }
                next = new double[n];
                for (int k = 0; k < n; k++) {
                    next[k] = 0.5 * (v[b][k] + v[w][k]);
                }
                fnext = f.evaluate(next.clone());
            } else if (fr.value() >= fb) {
                double[] e = new double[n];
                for (int k = 0; k < n; k++) {
                    e[k] = 3 * c[k] - 2 * v[w][k];
                }
                Value<P> fe = f.evaluate(e.clone());
                if (fe.value() > fr.value()) {
                    next = e;
                    fnext = fe;
                } else {
                    next = r;
                    fnext = fr;
                }
            } else {
                next = r;
                fnext = fr;
            }
            v[w] = next;
            fv[w] = fnext;
        }
    }
}
