package org.emflow.compute.recon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.emflow.compute.particles.ImageRecord;

/**
 * Gold-standard split: whole particles (all their tilt images) go to half 1 or half 2, chosen by a
 * seeded shuffle of the particles in order of first appearance, so the same table and seed always give
 * the same split, and the halves differ in size by at most one particle.
 */
public final class HalfSets {
    private HalfSets() {
    }

    /** Half (1 or 2) of every image, in the order of {@code images}. */
    public static byte[] assign(List<ImageRecord> images, long seed) {
        Map<Integer, Integer> order = new LinkedHashMap<>();
        for (ImageRecord r : images) {
            order.putIfAbsent(r.particle(), order.size());
        }
        int n = order.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        byte[] halfOfParticle = new byte[n];
        for (int i = 0; i < n; i++) {
            halfOfParticle[perm[i]] = (byte) (i < (n + 1) / 2 ? 1 : 2);
        }
        byte[] out = new byte[images.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = halfOfParticle[order.get(images.get(i).particle())];
        }
        return out;
    }
}
