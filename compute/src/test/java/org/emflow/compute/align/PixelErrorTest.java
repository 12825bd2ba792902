package org.emflow.compute.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.InMemoryImages;
import org.junit.jupiter.api.Test;

/** SPARX's max 3-D pixel error against the displacements a shift or a rotation give by geometry. */
class PixelErrorTest {
    private static final ImageRecord START = new ImageRecord(new InMemoryImages("mem").add(new float[4]), 0, "p", "", 1.0,
            30, 70, -40, 0.5, -0.25, null, Double.NaN, Double.NaN, false);

    @Test
    void aShiftMovesEveryPointByItsLength() {
        ImageRecord moved = START.withPose(30, 70, -40, 0.5 + 0.3, -0.25 - 0.4);
        assertEquals(0.5, PixelError.max3d(START, moved, 20), 1e-12);
        assertEquals(0, PixelError.max3d(START, START, 20), 1e-12);
    }

    /** An in-plane turn by θ (psi) moves the circle's points by the chord 2r·sin(θ/2), the origin with them. */
    @Test
    void anInPlaneTurnMovesTheCircleByItsChord() {
        ImageRecord centred = START.withPose(30, 70, -40, 0, 0);
        ImageRecord turned = centred.withPose(30, 70, -40 + 3, 0, 0);
        assertEquals(2 * 20 * Math.sin(Math.toRadians(1.5)), PixelError.max3d(centred, turned, 20), 1e-9);
    }

    /**
     * A tilt change by θ at rot = psi = 0 turns the view about the image y axis: the points on the x axis move by the
     * chord 2r·sin(θ/2), out of the plane; the circle's sampled points come within a small angle of them.
     */
    @Test
    void anOutOfPlaneTurnMovesThePointsOffItsAxisByTheChord() {
        ImageRecord a = START.withPose(0, 40, 0, 0, 0), b = START.withPose(0, 42, 0, 0, 0);
        assertEquals(2 * 30 * Math.sin(Math.toRadians(1)), PixelError.max3d(a, b, 30), 1e-3);
    }

    @Test
    void fractionBelowCountsStrictly() {
        assertEquals(0.5, PixelError.fractionBelow(new double[] {0.2, 1.0, 0.99, 3}, 1.0), 0);
        assertEquals(1, PixelError.fractionBelow(new double[0], 1.0), 0);
    }
}
