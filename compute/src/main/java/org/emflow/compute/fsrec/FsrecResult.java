package org.emflow.compute.fsrec;

import java.nio.file.Path;
import java.util.List;
import org.emflow.compute.image.ComplexImage;

/**
 * What a run produced.
 *
 * @param mode what ran: "reconstruction", "prealignment", "boxcar", "showarea", "stepanalysis", "autofocus"
 * @param wave the final wave (null when the mode makes none); for "autofocus" the refocused wave
 * @param filteredWave the Outputfilter-filtered wave, or null
 * @param images selected image numbers
 * @param dx per-image displacement along x (columns), px; dy along y (rows); null when not computed
 * @param foci foci used for the reconstruction, nm (null for autofocus and showarea)
 * @param prealignRounds refinement rounds of the pre-alignment (0 when skipped)
 * @param iterations convergence figures per linear iteration
 * @param nonlinearResiduals mean residual before each nonlinear pass and after the last, or null
 * @param stepAnalysis the focus-step fit, or null
 * @param autofocus the autofocus search, or null
 * @param written the files written, in order
 */
public record FsrecResult(String mode, ComplexImage wave, ComplexImage filteredWave, int[] images, double[] dx, double[] dy,
        double[] foci, int prealignRounds, List<IterationFigures> iterations, double[] nonlinearResiduals,
        StepAnalysis.Result stepAnalysis, Autofocus.Result autofocus, List<Path> written) {
}
