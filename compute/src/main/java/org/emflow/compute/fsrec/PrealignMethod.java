package org.emflow.compute.fsrec;

/** {@code [ALIGNMENT] Methprealign}: how consecutive images are registered during pre-alignment. */
public enum PrealignMethod {
    /** Integer correlation maximum only (the original's default when the key is absent). */
    SEQUENTIAL("sequential"),
    /** Sub-pixel centre-of-mass peak (the documented default and the example's choice). */
    SEQUENTIAL_COM("sequential-com"),
    /**
     * Every image registered (sub-pixel centre-of-mass peak) to the first principal component of all
     * images' band-passed aligned crops ({@link PrincipalComponent}), recomputed each round. Experimental
     * in the original, which takes a mixture of components of the unaligned, unfiltered images and the
     * global integer maximum (which jumps to spurious peaks: 36 px on the shipped example).
     */
    SEQUENTIAL_PCA("sequential-pca");

    private final String key;

    PrealignMethod(String key) {
        this.key = key;
    }

    /** The value as written in the parameter file. */
    public String key() {
        return key;
    }
}
