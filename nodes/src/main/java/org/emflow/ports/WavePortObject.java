package org.emflow.ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.emflow.compute.fsrec.FsrecFiles;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.PortType;

/**
 * A complex 2-D exit wave. Stored in PyFSRec's {@code .wav} format (raw complex64, little-endian,
 * rows of x, no header) so PyFSRec's tools read it, with a {@code .wav.properties} sidecar holding the
 * size and sampling that the raw format lacks.
 */
public record WavePortObject(ComplexImage wave) implements PortObject {
    @Override
    public PortType type() {
        return PortTypes.WAVE;
    }

    @Override
    public PortObjectSpec spec() {
        return new PortObjectSpec(PortTypes.WAVE, Map.of("nx", wave.nx(), "ny", wave.ny()));
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "%d x %d exit wave, %.4g x %.4g nm/px", wave.nx(), wave.ny(), wave.samplingX(), wave.samplingY());
    }

    static final class Codec implements PortType.Codec {
        @Override
        public String extension() {
            return "wav";
        }

        @Override
        public void save(PortObject object, Path file) throws IOException {
            ComplexImage w = ((WavePortObject) object).wave();
            FsrecFiles.writeWave(file, w);
            Properties p = new Properties();
            p.setProperty("nx", Integer.toString(w.nx()));
            p.setProperty("ny", Integer.toString(w.ny()));
            p.setProperty("sampling_x_nm", Double.toString(w.samplingX()));
            p.setProperty("sampling_y_nm", Double.toString(w.samplingY()));
            java.io.StringWriter sw = new java.io.StringWriter();
            p.store(sw, "emflow: size and sampling of the raw complex64 wave next to this file");
            Files.writeString(sidecar(file), sw.toString(), StandardCharsets.UTF_8);
        }

        @Override
        public PortObject load(Path file) throws IOException {
            Path side = sidecar(file);
            if (!Files.exists(side)) {
                throw new BadInputException(file + ": a raw .wav needs its size: " + side.getFileName() + " is missing");
            }
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(side, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            try {
                return new WavePortObject(FsrecFiles.readWave(file, Integer.parseInt(p.getProperty("nx")), Integer.parseInt(p.getProperty("ny")),
                        Double.parseDouble(p.getProperty("sampling_x_nm")), Double.parseDouble(p.getProperty("sampling_y_nm"))));
            } catch (NumberFormatException | NullPointerException e) {
                throw new BadInputException(side + ": needs nx, ny, sampling_x_nm and sampling_y_nm");
            }
        }

        private static Path sidecar(Path wav) {
            return wav.resolveSibling(wav.getFileName() + ".properties");
        }
    }
}
