package org.emflow.ports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.PortType;

/** A Fourier shell correlation curve with its resolutions, stored as CSV (shell, frequency, resolution, FSC, voxels). */
public record FscPortObject(FscCurve curve) implements PortObject {
    @Override
    public PortType type() {
        return PortTypes.FSC;
    }

    @Override
    public PortObjectSpec spec() {
        return new PortObjectSpec(PortTypes.FSC, Map.of("pixel_size", curve.pixelSize()));
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "FSC 0.143: %.1f A, 0.5: %.1f A", curve.resolution0143(), curve.resolution05());
    }

    static final class Codec implements PortType.Codec {
        @Override
        public String extension() {
            return "csv";
        }

        @Override
        public void save(PortObject object, Path file) throws IOException {
            ((FscPortObject) object).curve().writeCsv(file, true);
        }

        @Override
        public PortObject load(Path file) throws IOException {
            return new FscPortObject(FscCurve.readCsv(file));
        }
    }
}
