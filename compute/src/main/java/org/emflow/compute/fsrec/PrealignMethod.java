package org.emflow.compute.fsrec;

/** {@code [ALIGNMENT] Methprealign}: how consecutive images are registered during pre-alignment. */
public enum PrealignMethod {
    /** Integer correlation maximum only (the original's default when the key is absent). */
    SEQUENTIAL("sequential"),
    /** Sub-pixel centre-of-mass peak (the documented default and the example's choice). */
    SEQUENTIAL_COM("sequential-com");

    private final String key;

    PrealignMethod(String key) {
        this.key = key;
    }

    /** The value as written in the parameter file. */
    public String key() {
        return key;
    }
}
