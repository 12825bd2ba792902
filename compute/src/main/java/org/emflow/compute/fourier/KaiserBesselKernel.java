package org.emflow.compute.fourier;

/**
 * SPARX's Kaiser-Bessel gridding kernel (specs/sparx.md §C.3): support K = 6 padded-grid units, α = 1.75,
 * β = π·α·K/4 ≈ 8.24668, w(x) = I₀(β·√(1 − (2x/K)²)) / I₀(β) for |x| < K/2. Its real-space apodisation is
 * sinhwin(d) = [sinh(β·ρ)/(β·ρ)] / [sinh β/β] with ρ = √(1 − (d/(α·r))²), r = box/2 (sin for sinh beyond α·r,
 * which a box never reaches: α·r = 0.875·box). SPARX pads by 2 and evaluates w from a 6000-entry table; this
 * class evaluates it exactly ({@link #weight}) or as SPARX's table does ({@link #tabulatedWeight}).
 *
 * <p>On a grid padded to N = npad·box (sxlocal_ali3d's --npad, which SPARX itself overwrites with 2) the kernel
 * stays the same in padded-grid units and its transform scales with N: ρ = √(1 − (d/L)²) with L = N·β/(π·K) =
 * α·N/4, which is α·r at N = 2·box. (SPARX's own formulas would lower β as npad grows, β = π·α·K/(2·npad), a
 * wider main lobe and more aliasing: a projection at npad 3 came out four times less accurate than at npad 2.)
 */
public final class KaiserBesselKernel implements GriddingKernel {
    /** SPARX's constants. */
    public static final double ALPHA = 1.75;
    public static final int SUPPORT = 6;
    /** Entries per padded-grid unit of SPARX's kernel table (its 6000-entry table spans the support). */
    public static final double TABLE_STEP = 1599.67;

    private final int box;
    private final double beta;
    private final double i0Beta;
    private final double sinhBetaOverBeta;
    private final double[] table;

    /** The kernel for a map of {@code box} voxels padded 2× (SPARX's npad = 2). */
    public KaiserBesselKernel(int box) {
        if (box < 2) {
            throw new IllegalArgumentException("box " + box);
        }
        this.box = box;
        this.beta = Math.PI * ALPHA * SUPPORT / 4;
        this.i0Beta = besselI0(beta);
        this.sinhBetaOverBeta = Math.sinh(beta) / beta;
        int n = (int) Math.floor(SUPPORT / 2.0 * TABLE_STEP); // 4799 entries: w is 0 from x = 3 on
        this.table = new double[n];
        for (int i = 0; i < n; i++) {
            table[i] = weight(i / TABLE_STEP);
        }
    }

    public double beta() {
        return beta;
    }

    @Override
    public double halfWidth() {
        return SUPPORT / 2.0;
    }

    @Override
    public double weight(double x) {
        double u = 2 * x / SUPPORT;
        double q = 1 - u * u;
        return q > 0 ? besselI0(beta * Math.sqrt(q)) / i0Beta : 0;
    }

    /** The tabulated weight: I₀ by its series costs some 30 multiplications, a table look-up one. */
    @Override
    public double fastWeight(double x) {
        return tabulatedWeight(x);
    }

    /** The weight as SPARX's table gives it: the entry ⌊|x|·1599.67 + 0.5⌋. */
    public double tabulatedWeight(double x) {
        int i = (int) Math.floor(Math.abs(x) * TABLE_STEP + 0.5);
        return i < table.length ? table[i] : 0;
    }

    /** sinhwin at {@code d} voxels from the centre of a map padded to {@code padded} (SPARX's: {@code padded} = 2·box). */
    @Override
    public double apodisation(double d, int padded) {
        double t = d / (ALPHA * padded / 4.0);
        double q = 1 - t * t;
        if (q >= 0) {
            double br = beta * Math.sqrt(q);
            return (br == 0 ? 1 : Math.sinh(br) / br) / sinhBetaOverBeta;
        }
        double br = beta * Math.sqrt(-q);
        return (Math.sin(br) / br) / sinhBetaOverBeta;
    }

    /** The modified Bessel function of the first kind I₀, by its power series (converges quickly for the x here, under 10). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }
}
