package org.emflow.compute.fsrec;

import org.emflow.compute.fourier.PrunedFft;

/**
 * The bounding box of the objective aperture in an unshifted spectrum: the rows with |ky| &lt;= kMaxY and
 * the columns with |kx| &lt;= kMaxX, in array order ("box index" b, x fastest). Everything the linear
 * reconstruction multiplies by a transfer function is zero outside it, so the image spectra and the
 * transfer functions are stored on the box only (for 512 x 512 images and Limit = 5.5 1/nm: 237 x 237 of
 * 512 x 512, a fifth). The box is symmetric: the mirror -k of a box frequency is in the box.
 */
final class ApertureBox {
    /** Largest |frequency index| inside the aperture along x and y. */
    final int kMaxX;
    final int kMaxY;
    /** Column ranges {from0, to0, from1, to1} inside the aperture. */
    final int[] cols;
    /** Box width (columns) and height (rows). */
    final int boxWidth;
    final int boxHeight;
    /** Box row of each spectrum row, or -1 outside the aperture rows. */
    final int[] boxRow;
    /** Pixel index y nx + x of each box element. */
    final int[] boxToPixel;

    ApertureBox(FsrParameters p) {
        int nx = p.nx();
        int ny = p.ny();
        this.kMaxX = PrunedFft.apertureIndex(p.limit(), nx, p.samplingX());
        this.kMaxY = PrunedFft.apertureIndex(p.limit(), ny, p.samplingY());
        this.cols = PrunedFft.apertureRanges(kMaxX, nx);
        this.boxWidth = (cols[1] - cols[0]) + (cols[3] - cols[2]);
        this.boxRow = new int[ny];
        int h = 0;
        for (int y = 0; y < ny; y++) {
            boxRow[y] = Math.abs(FourierConvention.freq(y, ny)) <= kMaxY ? h++ : -1;
        }
        this.boxHeight = h;
        this.boxToPixel = new int[boxWidth * boxHeight];
        for (int y = 0; y < ny; y++) {
            if (boxRow[y] < 0) {
                continue;
            }
            int b = boxRow[y] * boxWidth;
            for (int part = 0; part < 2; part++) {
                for (int x = cols[2 * part]; x < cols[2 * part + 1]; x++) {
                    boxToPixel[b++] = y * nx + x;
                }
            }
        }
    }

    int size() {
        return boxToPixel.length;
    }

    /** The box elements of a full interleaved spectrum (a new array, box order). */
    float[] gather(float[] spectrum) {
        float[] out = new float[2 * boxToPixel.length];
        for (int b = 0; b < boxToPixel.length; b++) {
            int k = boxToPixel[b];
            out[2 * b] = spectrum[2 * k];
            out[2 * b + 1] = spectrum[2 * k + 1];
        }
        return out;
    }
}
