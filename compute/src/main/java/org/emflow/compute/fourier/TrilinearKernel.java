package org.emflow.compute.fourier;

/**
 * Trilinear interpolation (RELION's default and emflow's back projector): the tent w(x) = 1 − |x| on [−1, 1],
 * whose transform is sinc², so the map is attenuated by sinc²(d/N) at d voxels from the centre of an N-box.
 */
public final class TrilinearKernel implements GriddingKernel {
    public static final TrilinearKernel INSTANCE = new TrilinearKernel();

    private TrilinearKernel() {
    }

    @Override
    public double halfWidth() {
        return 1;
    }

    @Override
    public double weight(double x) {
        double a = Math.abs(x);
        return a < 1 ? 1 - a : 0;
    }

    @Override
    public double apodisation(double d, int padded) {
        double u = d / padded;
        double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
        return sinc * sinc;
    }
}
