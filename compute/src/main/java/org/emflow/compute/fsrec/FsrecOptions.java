package org.emflow.compute.fsrec;

/**
 * The command-line switches of {@code emflow fsrec} (PyFSRec's, spec pyfsrec.md section 1), one field
 * per flag.
 *
 * @param debug {@code --debug}: also write the filter denominator and the final simulated images
 * @param showAlignment {@code --showalignment}: log every registration step and write {@code <out>_alignment.png}
 * @param showArea {@code --showarea}: only write {@code <out>_referenceframe.png} (first selected image, AREA marked)
 * @param prealignOnly {@code --prealignonly}: stop after pre-alignment, writing {@code _dxy.csv} only
 * @param boxcar {@code --boxcar M} (0 = off): after (pre-)alignment write sums of M consecutive aligned images and stop
 * @param linIter {@code --liniter N} (0 = LinearIterations of the parameters)
 * @param nonlinear {@code --nonlinear}: experimental difference-image refinement after the linear iterations
 * @param usePrevious {@code --useprevious}: continue from {@code _foci.csv} (if present), {@code _dxy.csv} and {@code .wav}
 * @param stepAnalysis {@code --stepanalysis}: focus step analysis of the previous (or, with usePrevious, the continued) wave
 * @param autofocus {@code --autofocus}: minimum-contrast focus of the previous wave
 * @param threads worker threads (0 = all cores)
 */
public record FsrecOptions(boolean debug, boolean showAlignment, boolean showArea, boolean prealignOnly, int boxcar,
        int linIter, boolean nonlinear, boolean usePrevious, boolean stepAnalysis, boolean autofocus, int threads) {

    /** No switches: the plain reconstruction. */
    public static FsrecOptions defaults() {
        return new FsrecOptions(false, false, false, false, 0, 0, false, false, false, false, 0);
    }

    public FsrecOptions withLinIter(int n) {
        return new FsrecOptions(debug, showAlignment, showArea, prealignOnly, boxcar, n, nonlinear, usePrevious, stepAnalysis, autofocus, threads);
    }

    public FsrecOptions withStepAnalysis(boolean on) {
        return new FsrecOptions(debug, showAlignment, showArea, prealignOnly, boxcar, linIter, nonlinear, usePrevious, on, autofocus, threads);
    }

    public FsrecOptions withUsePrevious(boolean on) {
        return new FsrecOptions(debug, showAlignment, showArea, prealignOnly, boxcar, linIter, nonlinear, on, stepAnalysis, autofocus, threads);
    }

    public FsrecOptions withAutofocus(boolean on) {
        return new FsrecOptions(debug, showAlignment, showArea, prealignOnly, boxcar, linIter, nonlinear, usePrevious, stepAnalysis, on, threads);
    }

    public FsrecOptions withPrealignOnly(boolean on) {
        return new FsrecOptions(debug, showAlignment, showArea, on, boxcar, linIter, nonlinear, usePrevious, stepAnalysis, autofocus, threads);
    }

    public FsrecOptions withBoxcar(int m) {
        return new FsrecOptions(debug, showAlignment, showArea, prealignOnly, m, linIter, nonlinear, usePrevious, stepAnalysis, autofocus, threads);
    }

    public FsrecOptions withNonlinear(boolean on) {
        return new FsrecOptions(debug, showAlignment, showArea, prealignOnly, boxcar, linIter, on, usePrevious, stepAnalysis, autofocus, threads);
    }

    public FsrecOptions withShowArea(boolean on) {
        return new FsrecOptions(debug, showAlignment, on, prealignOnly, boxcar, linIter, nonlinear, usePrevious, stepAnalysis, autofocus, threads);
    }

    public FsrecOptions withDebug(boolean on) {
        return new FsrecOptions(on, showAlignment, showArea, prealignOnly, boxcar, linIter, nonlinear, usePrevious, stepAnalysis, autofocus, threads);
    }

    public FsrecOptions withThreads(int n) {
        return new FsrecOptions(debug, showAlignment, showArea, prealignOnly, boxcar, linIter, nonlinear, usePrevious, stepAnalysis, autofocus, n);
    }
}
