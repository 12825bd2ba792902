package org.emflow.compute.align;

import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.optim.Amoeba;

/**
 * Local refinement of one image's pose (specs/sparx.md §A.5): a simplex over (rot, tilt, psi) from the current
 * angles with initial steps (w, δ, w), w = max(δ, δ·|tilt − 90°| in radians) (φ and ψ become degenerate near the
 * poles, so they get larger steps there), maximising the {@link CascadedCcc} criterion; the shift found at the
 * best vertex is the new origin offset. Angles are RELION's (= SPIDER's, {@link org.emflow.compute.geometry.PoseConventions}).
 *
 * <p>One instance per thread (it wraps a per-thread criterion).
 */
public final class LocalAligner {
    /** A refined pose and its criterion value. */
    public record Pose(double rot, double tilt, double psi, double originX, double originY, double score, int iterations) {
    }

    private final CascadedCcc criterion;
    private final double delta;
    private final double ts;
    private final Amoeba<CascadedCcc.Score> simplex;

    /**
     * @param delta the angular step δ (degrees; SPARX's --delta)
     * @param ts    the shift bracket (pixels; 0 keeps the shifts)
     * @param ftol  relative value tolerance of the simplex (SPARX: 1e-4 serial, 1.0 with MPI)
     * @param xtol  scaled size tolerance of the simplex (SPARX: 1e-4 serial, 1e-2 with MPI)
     */
    public LocalAligner(CascadedCcc criterion, double delta, double ts, double ftol, double xtol) {
        this.criterion = criterion;
        this.delta = delta;
        this.ts = ts;
        this.simplex = new Amoeba<>(ftol, xtol, 500);
    }

    /** Refines the pose of {@code image} (m×m, not modified) from the given one. */
    public Pose refine(float[] image, double rot, double tilt, double psi, double originX, double originY, Ctf ctf, double pixelSize) {
        criterion.setImage(image, originX, originY, ts, ctf, pixelSize);
        double w = Math.max(delta, delta * Math.abs(tilt - 90) * Math.PI / 180);
        Amoeba.Result<CascadedCcc.Score> r = simplex.maximise(new double[] {rot, tilt, psi}, new double[] {w, delta, w}, a -> {
            CascadedCcc.Score s = criterion.evaluate(a);
            return new Amoeba.Value<>(s.value(), s);
        });
        CascadedCcc.Score best = r.passout();
        return new Pose(r.x()[0], r.x()[1], r.x()[2], best.originX(), best.originY(), best.value(), r.iterations());
    }
}
