package org.emflow.compute.particles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.emflow.compute.util.BadInputException;

/** Applies a {@link Selection} to the candidates of a particle table (semantics in {@link Selection}). */
final class ImageSelector {
    private ImageSelector() {
    }

    /**
     * @param imageKeyCount number of valid --ind-imgs indices (rows, or frames of an optimisation set)
     * @param particleCount number of particles in the input
     * @return the kept candidates, grouped by particle in input order, each particle's images in stack order
     */
    static List<Candidate> select(List<Candidate> all, long imageKeyCount, int particleCount, Selection s, String star) {
        List<Candidate> kept = all;
        if (s.imageIndices() != null) {
            boolean[] keep = mask(s.imageIndices(), imageKeyCount, "setting 'ind-imgs'", s.imageIndicesSource(),
                    "images", star);
            kept = kept.stream().filter(k -> keep[(int) k.imageKey]).toList();
        }
        if (s.particleIndices() != null) {
            boolean[] keep = mask(s.particleIndices(), particleCount, "setting 'ind'", s.particleIndicesSource(),
                    "particles", star);
            kept = kept.stream().filter(k -> keep[k.particle]).toList();
        }
        List<List<Candidate>> byParticle = new ArrayList<>(Collections.nCopies(particleCount, null));
        for (Candidate k : kept) {
            List<Candidate> l = byParticle.get(k.particle);
            if (l == null) {
                l = new ArrayList<>();
                byParticle.set(k.particle, l);
            }
            l.add(k);
        }
        Random random = new Random(s.seed());
        List<Candidate> out = new ArrayList<>(kept.size());
        int particlesKept = 0;
        for (List<Candidate> images : byParticle) {
            if (images == null) {
                continue;
            }
            switch (s.sort()) {
                case DOSE_ASCENDING -> images.sort(Comparator.comparingDouble(k -> k.dose));
                case RANDOM -> Collections.shuffle(images, random);
                default -> { }
            }
            List<Candidate> use = images;
            if (s.firstTilts() > 0) {
                if (images.size() < s.firstTilts()) {
                    continue;
                }
                use = new ArrayList<>(images.subList(0, s.firstTilts()));
            }
            if (s.firstParticles() > 0 && particlesKept == s.firstParticles()) {
                break;
            }
            use.sort(Comparator.comparingInt((Candidate k) -> k.frame >= 0 ? k.frame : k.stackIndex)
                    .thenComparingInt(k -> k.row));
            out.addAll(use);
            particlesKept++;
        }
        if (out.isEmpty()) {
            throw new BadInputException(star + ": the selection leaves no image (" + describe(s) + ")");
        }
        return out;
    }

    private static boolean[] mask(int[] indices, long n, String option, String source, String what, String star) {
        boolean[] keep = new boolean[(int) n];
        for (int i = 0; i < indices.length; i++) {
            int v = indices[i];
            if (v < 0 || v >= n) {
                throw new BadInputException(option + (source == null ? "" : " " + source) + ": index " + v + " (entry " + i
                        + ") is out of range: " + star + " has " + n + " " + what + " (valid 0.." + (n - 1) + ")");
            }
            keep[v] = true;
        }
        return keep;
    }

    private static String describe(Selection s) {
        List<String> parts = new ArrayList<>();
        if (s.imageIndices() != null) {
            parts.add("setting 'ind-imgs' " + (s.imageIndicesSource() == null ? Arrays.toString(s.imageIndices()) : s.imageIndicesSource()));
        }
        if (s.particleIndices() != null) {
            parts.add("setting 'ind' " + (s.particleIndicesSource() == null ? Arrays.toString(s.particleIndices())
                    : s.particleIndicesSource()));
        }
        if (s.firstTilts() > 0) {
            parts.add("setting 'use-first-ntilts' " + s.firstTilts());
        }
        if (s.firstParticles() > 0) {
            parts.add("setting 'first' " + s.firstParticles());
        }
        return parts.isEmpty() ? "no image in the file" : String.join(", ", parts);
    }
}
