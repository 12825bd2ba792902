package org.emflow.ports;

import org.emflow.sdk.PortType;

/**
 * The port types of emflow. Ports connect only when their types are equal; each type stores its
 * objects in a run folder with its codec.
 */
public final class PortTypes {
    private PortTypes() {
    }

    /** A generic table (CSV). */
    public static final PortType TABLE = new PortType("table", "Table", "A table of named columns, stored as CSV.", "#7f8c8d",
            new TablePortObject.Codec());

    /** A particle table with its images and attached weighting (STAR). */
    public static final PortType PARTICLES = new PortType("particles", "Particles",
            "Particle metadata (poses, CTF, dose, tilt) and where each image is, stored as STAR.", "#e67e22", new ParticlesPortObject.Codec());

    /** A 3-D map with its pixel size (MRC). */
    public static final PortType VOLUME = new PortType("volume", "Volume", "A 3-D map with its pixel size, stored as MRC.", "#2e86de",
            new VolumePortObject.Codec());

    /** A Fourier shell correlation curve (CSV). */
    public static final PortType FSC = new PortType("fsc", "FSC curve", "A Fourier shell correlation curve with its resolutions, stored as CSV.",
            "#27ae60", new FscPortObject.Codec());

    /** A complex 2-D exit wave (PyFSRec .wav). */
    public static final PortType WAVE = new PortType("wave", "Exit wave", "A complex 2-D exit wave, stored as PyFSRec's raw complex64 .wav.",
            "#8e44ad", new WavePortObject.Codec());

    /** A reference to a file. */
    public static final PortType FILE = new PortType("file", "File", "A reference to a file (plot, STAR, raw data).", "#95a5a6",
            new FilePortObject.Codec());
}
