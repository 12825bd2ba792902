package org.emflow.compute.particles;

import org.emflow.compute.ctf.CtfParams;

/** One image of the input before selection and path resolution (package-private working record). */
final class Candidate {
    int particle;          // input particle index (order of first appearance)
    int row;               // row in the particles block
    int line;              // line in the file, for messages (0 if unknown)
    int frame = -1;        // optimisation sets: tilt index in the per-particle stack
    int visibleRank = -1;  // optimisation sets: rank among the particle's visible frames
    int frameCount;        // optimisation sets: the particle's frames, visible or not
    int visibleCount;      // optimisation sets: the particle's visible frames
    long imageKey;         // what --ind-imgs indexes
    String path;           // stack path as written
    int stackIndex;        // 0-based section (series layouts)
    boolean bareName;      // the image name had no N@: it names a one-image file
    double pixelSize = Double.NaN;
    double rot;
    double tilt;
    double psi;
    double originX;
    double originY;
    CtfParams ctf;
    double dose = Double.NaN;
    double tiltAngle = Double.NaN;
    String tomogram = "";
    boolean premultiplied;
}
