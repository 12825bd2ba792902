package org.emflow.studio.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.image.Volume;
import org.emflow.ports.FscPortObject;
import org.emflow.ports.TablePortObject;
import org.junit.jupiter.api.Test;

class PreviewTest {
    @Test
    void fscPreviewCarriesTheCurveAndTheInterpolatedResolutionsOfTheFscPort() {
        // 0.8 at 0.1/A, 0.2 at 0.2/A: 0.5 is crossed half-way, at 0.15/A.
        FscCurve c = new FscCurve(new double[] {0, 0.1, 0.2}, new double[] {1, 0.8, 0.2}, new long[] {1, 6, 18}, 2.5);
        Preview p = new FscPreviewer().preview(new FscPortObject(c), null);
        assertEquals("fsc", p.kind());
        assertArrayEquals(new double[] {0, 0.1, 0.2}, (double[]) p.data().get("frequency"), 1e-12);
        assertEquals(1 / 0.15, (Double) p.data().get("resolution05"), 1e-9);
    }

    @Test
    void tablePreviewShowsRowsAndCountsThem() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            rows.add(List.of(Integer.toString(i)));
        }
        Preview p = new TablePreviewer().preview(new TablePortObject(List.of("value"), rows), null);
        assertEquals("table", p.kind());
        assertEquals(600, p.data().get("rowCount"));
        assertEquals(500, ((List<?>) p.data().get("rows")).size());
    }

    @Test
    void centralSlicesShowFirstAxisRightAndSecondAxisUp() {
        Volume v = new Volume(4, 3, 2, new float[24], 1);
        v.set(3, 2, 1, 7f);  // x max, y max, z = nz/2
        Plane xy = VolumePreviewer.sliceXY(v, 1);
        assertEquals(4, xy.width());
        assertEquals(3, xy.height());
        assertEquals(7f, xy.values()[3]);  // row 0 (top) = y max, column 3 = x max

        v.set(1, 1, 1, 5f);  // y = ny/2: on the XZ slice, at x = 1, z = 1 -> top row (z max)
        Plane xz = VolumePreviewer.sliceXZ(v, 1);
        assertEquals(2, xz.height());
        assertEquals(5f, xz.values()[1]);

        v.set(2, 2, 0, 3f);  // x = nx/2: on the YZ slice, y = 2 to the right, z = 0 at the bottom row
        Plane yz = VolumePreviewer.sliceYZ(v, 2);
        assertEquals(3, yz.width());
        assertEquals(3f, yz.values()[3 + 2]);
    }

    @Test
    void complexImageGivesAmplitudeAndPhasePlanes() {
        // Pixel 0 = 3 + 4i, pixel 1 = -2 (phase pi).
        Preview p = Preview.amplitudeAndPhase(2, 1, new float[] {3, 4, -2, 0}, "exit wave");
        assertEquals("images", p.kind());
        assertEquals(List.of("amplitude", "phase"), p.data().get("names"));
        assertArrayEquals(new float[] {5, 2}, p.images().get("amplitude").values(), 1e-6f);
        assertEquals(Math.atan2(4, 3), p.images().get("phase").values()[0], 1e-6);
        assertEquals(Math.PI, p.images().get("phase").values()[1], 1e-6);
        assertEquals(Plane.Colormap.PHASE, p.images().get("phase").map());
    }

    @Test
    void grayLevelsIgnoreASingleHotPixel() {
        float[] v = new float[10000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 100;
        }
        v[0] = 1e9f;
        double[] r = PngWriter.robustRange(v);
        assertEquals(0, r[0], 1);
        assertEquals(99, r[1], 1);
    }
}
