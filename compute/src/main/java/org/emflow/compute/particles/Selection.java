package org.emflow.compute.particles;

/**
 * Which images of a particle table are used, with the semantics of tomoDRGN (specs/tomodrgn-backproject.md
 * section 2.2), applied in this order:
 * <ol>
 * <li>{@code imageIndices} ({@code --ind-imgs}): 0-based image indices kept. For one-row-per-image stars
 *     they index the star's rows; for optimisation sets they index the concatenation of every particle's
 *     frames (visible or not) in row order.</li>
 * <li>{@code particleIndices} ({@code --ind}, {@code --ind-ptcls}): 0-based particle indices kept, in
 *     the order particles first appear in the input.</li>
 * <li>{@code sort} ({@code --sort-ptcl-imgs}) orders each particle's images; {@code seed} seeds RANDOM.</li>
 * <li>{@code firstTilts} ({@code --use-first-ntilts}, 0 = all): keeps each particle's first N images and
 *     drops particles with fewer.</li>
 * <li>{@code firstParticles} ({@code --first}, {@code --use-first-nptcls}, 0 = all): keeps the first N
 *     particles left.</li>
 * </ol>
 * The images of each kept particle then go in stack order (the index before {@code @}, or the frame).
 * An index out of range is an error (tomoDRGN's guard lets index n through), as is a selection that
 * leaves no image.
 *
 * @param imageIndicesSource    names the file the image indices came from, for messages (may be null)
 * @param particleIndicesSource names the file the particle indices came from, for messages (may be null)
 */
public record Selection(int[] imageIndices, String imageIndicesSource, int[] particleIndices,
                        String particleIndicesSource, SortOrder sort, int firstTilts, int firstParticles, long seed) {

    /** Everything, unsorted. */
    public static final Selection ALL = new Selection(null, null, null, null, SortOrder.UNSORTED, 0, 0, 0);

    public Selection {
        if (sort == null) {
            sort = SortOrder.UNSORTED;
        }
        if (firstTilts < 0 || firstParticles < 0) {
            throw new IllegalArgumentException("first-N counts must be >= 0");
        }
        imageIndices = imageIndices == null ? null : imageIndices.clone();
        particleIndices = particleIndices == null ? null : particleIndices.clone();
    }

    public Selection withImageIndices(int[] indices, String source) {
        return new Selection(indices, source, particleIndices, particleIndicesSource, sort, firstTilts, firstParticles, seed);
    }

    public Selection withParticleIndices(int[] indices, String source) {
        return new Selection(imageIndices, imageIndicesSource, indices, source, sort, firstTilts, firstParticles, seed);
    }

    public Selection withSort(SortOrder order, long randomSeed) {
        return new Selection(imageIndices, imageIndicesSource, particleIndices, particleIndicesSource, order, firstTilts,
                firstParticles, randomSeed);
    }

    public Selection withFirstTilts(int n) {
        return new Selection(imageIndices, imageIndicesSource, particleIndices, particleIndicesSource, sort, n,
                firstParticles, seed);
    }

    public Selection withFirstParticles(int n) {
        return new Selection(imageIndices, imageIndicesSource, particleIndices, particleIndicesSource, sort, firstTilts,
                n, seed);
    }

    /** True when nothing is filtered or reordered. */
    public boolean isAll() {
        return imageIndices == null && particleIndices == null && firstTilts == 0 && firstParticles == 0
                && sort == SortOrder.UNSORTED;
    }
}
