package org.emflow.ports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.io.mrc.MrcWriter;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.PortType;

/** A 3-D map with its pixel size, stored as an MRC2014 float32 map that RELION, ChimeraX and IMOD open. */
public record VolumePortObject(Volume volume) implements PortObject {
    @Override
    public PortType type() {
        return PortTypes.VOLUME;
    }

    @Override
    public PortObjectSpec spec() {
        return spec(volume.nx(), volume.ny(), volume.nz(), volume.pixelSize(), null);
    }

    /** The spec of a cubic volume of side {@code box}; used by producers' configure. */
    public static PortObjectSpec spec(int box, double pixelSize) {
        return new PortObjectSpec(PortTypes.VOLUME, Map.of("box", box, "pixel_size", pixelSize));
    }

    /**
     * The spec of a map (read from {@code file}, or null) with its sides: a cubic map has a box; any other names its
     * shape and file, so that a node that needs a cube ({@link #requireCubic}) can say which file is not.
     */
    public static PortObjectSpec spec(int nx, int ny, int nz, double pixelSize, Path file) {
        if (nx == ny && ny == nz) {
            return spec(nx, pixelSize);
        }
        PortObjectSpec shaped = new PortObjectSpec(PortTypes.VOLUME, Map.of("pixel_size", pixelSize, "shape",
                nx + " x " + ny + " x " + nz));
        return file == null ? shaped : shaped.with("file", file.toString());
    }

    /** Refuses the map on input {@code port} when its spec says it is not cubic. */
    public static void requireCubic(PortObjectSpec spec, String port, String why) {
        if (spec != null && spec.property("shape") != null) {
            Object file = spec.property("file");
            throw new BadInputException((file == null ? "" : file + ": ") + "the map on input '" + port
                    + "' is " + spec.property("shape") + " voxels, but " + why + " needs a cubic map (equal sides)");
        }
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "%d x %d x %d volume, %.3g A/px", volume.nx(), volume.ny(), volume.nz(), volume.pixelSize());
    }

    static final class Codec implements PortType.Codec {
        @Override
        public String extension() {
            return "mrc";
        }

        @Override
        public void save(PortObject object, Path file) throws IOException {
            MrcWriter.writeVolume(file, ((VolumePortObject) object).volume(), MrcMode.FLOAT32, true);
        }

        @Override
        public PortObject load(Path file) throws IOException {
            try (MrcReader r = MrcReader.open(file)) {
                return new VolumePortObject(r.readVolume());
            }
        }
    }
}
