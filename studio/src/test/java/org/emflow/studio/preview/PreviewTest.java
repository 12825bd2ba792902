package org.emflow.studio.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.emflow.compute.fsc.FscCurve;
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
}
