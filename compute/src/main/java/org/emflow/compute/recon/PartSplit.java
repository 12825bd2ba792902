package org.emflow.compute.recon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.emflow.compute.particles.ImageRecord;

/**
 * The split of a particle table into the parts of a split back projection ({@link Backprojector#runPart},
 * {@link Backprojector#merge}): part k of N takes a contiguous range of particles, in their order of first appearance
 * in the image list (the order {@link HalfSets} numbers them in), with all their images, so a particle's tilt images
 * never straddle two parts. The ranges are as even as possible: with P particles the first P mod N parts have
 * ⌊P/N⌋ + 1 particles and the others ⌊P/N⌋, so with N &gt; P the parts from P on are empty. Half sets are assigned over
 * the whole table ({@link HalfSets#assign} on all images, the run's seed), so an image keeps the half it has in a
 * whole run. Made in one pass over the table (O(images + parts)).
 */
final class PartSplit {
    final int particles;
    final int parts;
    /** Half set (1 or 2) of every image, over the whole table. */
    final byte[] half;
    /** Part of every image. */
    final int[] partOfImage;
    /** Per part: particles in half 1, in half 2, images in half 1, in half 2. */
    private final int[][] counts;

    PartSplit(List<ImageRecord> images, long seed, int parts) {
        checkParts(0, parts);
        this.parts = parts;
        this.half = HalfSets.assign(images, seed);
        this.partOfImage = new int[images.size()];
        this.counts = new int[parts][4];
        Map<Integer, Integer> ordinal = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            Integer o = ordinal.get(images.get(i).particle());
            boolean first = o == null;
            if (first) {
                o = ordinal.size();
                ordinal.put(images.get(i).particle(), o);
            }
            partOfImage[i] = o; // the particle's ordinal for now: the part needs the particle count
        }
        this.particles = ordinal.size();
        boolean[] seen = new boolean[particles];
        for (int i = 0; i < partOfImage.length; i++) {
            int o = partOfImage[i];
            int k = partOf(o, particles, parts);
            partOfImage[i] = k;
            int h = half[i] == 1 ? 0 : 1;
            if (!seen[o]) {
                seen[o] = true;
                counts[k][h]++;
            }
            counts[k][2 + h]++;
        }
    }

    /** Particles [from, to) of part {@code part} of {@code parts} among {@code particles} (in order of first appearance). */
    static int[] range(int particles, int part, int parts) {
        checkParts(part, parts);
        int base = particles / parts;
        int rem = particles % parts;
        int from = part * base + Math.min(part, rem);
        return new int[] { from, from + base + (part < rem ? 1 : 0) };
    }

    /** The part the particle of ordinal {@code o} falls in (the inverse of {@link #range}). */
    static int partOf(int o, int particles, int parts) {
        int base = particles / parts;
        int rem = particles % parts;
        int big = rem * (base + 1); // particles in the first rem parts, which have one more
        return o < big ? o / (base + 1) : rem + (o - big) / base;
    }

    static void checkParts(int part, int parts) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts + ": parts must be at least 1 and 0 <= part < parts");
        }
    }

    int[] range(int part) {
        return range(particles, part, parts);
    }

    /** Particles in half 1, in half 2, images in half 1, in half 2 of part {@code part}. */
    int[] counts(int part) {
        return counts[part].clone();
    }

    /** Indices into the table of part {@code part}'s images, in table order. */
    int[] images(int part) {
        int n = counts[part][2] + counts[part][3];
        int[] out = new int[n];
        int j = 0;
        for (int i = 0; i < partOfImage.length && j < n; i++) {
            if (partOfImage[i] == part) {
                out[j++] = i;
            }
        }
        return out;
    }
}
