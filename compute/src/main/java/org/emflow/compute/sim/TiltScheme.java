package org.emflow.compute.sim;

import java.util.ArrayList;
import java.util.List;

import org.emflow.compute.util.BadInputException;

/**
 * Stage tilts of a tilt series in acquisition order. The dose-symmetric scheme (Hagen, Wan &amp; Briggs
 * 2017, J Struct Biol 197:191) starts at 0° and alternates sides in groups of two: 0, +s, −s, −2s, +2s,
 * +3s, −3s, … so that the low tilts, which carry the most information, get the least dose.
 */
public final class TiltScheme {
    private final double[] angles;

    /**
     * More images than any tilt series is acquired with (a 0.1° step over ±90° is 1,801); the bound keeps a
     * tiny step (1e-300) from filling the memory with angles, or a step below the angles' precision from
     * never ending.
     */
    public static final int MAX_TILTS = 10_000;

    private TiltScheme(double[] angles) {
        if (angles.length == 0) {
            throw new BadInputException("tilt scheme has no angles");
        }
        if (angles.length > MAX_TILTS) {
            throw new BadInputException("tilt scheme has " + angles.length + " angles; at most " + MAX_TILTS + " are allowed");
        }
        for (int i = 0; i < angles.length; i++) {
            if (!Double.isFinite(angles[i])) {
                throw new BadInputException("tilt " + (i + 1) + " is " + angles[i] + "; tilts are finite angles in degrees");
            }
        }
        this.angles = angles;
    }

    /** Angles (degrees) in acquisition order. */
    public static TiltScheme ofAcquisitionOrder(List<Double> angles) {
        double[] a = new double[angles.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = angles.get(i);
        }
        return new TiltScheme(a);
    }

    /** The dose-symmetric order of min:max:step (degrees); min ≤ 0 ≤ max. */
    public static TiltScheme doseSymmetric(double min, double max, double step) {
        if (!(step > 0) || !(min <= 0) || !(max >= 0) || !Double.isFinite(min) || !Double.isFinite(max) || !Double.isFinite(step)) {
            throw new BadInputException("tilt range must be min:max:step with min <= 0 <= max and step > 0: " + min + ":" + max + ":" + step);
        }
        List<Double> out = new ArrayList<>();
        out.add(0.0);
        int k = 1;
        boolean plusFirst = true;
        while (k * step <= max + 1e-9 || -k * step >= min - 1e-9) {
            double[] pair = plusFirst ? new double[] { k * step, -k * step } : new double[] { -k * step, k * step };
            for (double a : pair) {
                if (a <= max + 1e-9 && a >= min - 1e-9) {
                    out.add(a);
                }
            }
            // Every pass adds an angle, so this bounds the loop: a tiny step (1e-300, or 0:0:1e-300 within
            // the 1e-9 tolerance) would otherwise fill the memory.
            if (out.size() > MAX_TILTS) {
                throw new BadInputException("tilt range " + min + ":" + max + ":" + step + " gives more than " + MAX_TILTS
                        + " tilts (use a larger step)");
            }
            plusFirst = !plusFirst;
            k++;
        }
        return ofAcquisitionOrder(out);
    }

    /** Parses "min:max:step" (dose-symmetric) or a comma-separated list of angles in acquisition order. */
    public static TiltScheme parse(String text) {
        try {
            if (text.contains(":")) {
                String[] p = text.split(":");
                if (p.length != 3) {
                    throw new BadInputException("tilts must be min:max:step or a comma-separated list: " + text);
                }
                return doseSymmetric(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
            }
            List<Double> a = new ArrayList<>();
            for (String s : text.split(",")) {
                a.add(Double.parseDouble(s.trim()));
            }
            return ofAcquisitionOrder(a);
        } catch (NumberFormatException e) {
            throw new BadInputException("tilts: not a number in '" + text + "'", e);
        }
    }

    public int size() {
        return angles.length;
    }

    /** Tilt of the i-th image acquired. */
    public double angle(int i) {
        return angles[i];
    }
}
