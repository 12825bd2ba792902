package org.emflow.node.readvolume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcHeader;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.PortTypes;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.Port;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.SettingsSchema;

/** Read volume: an MRC map (any mode emflow reads) onto a volume port, with its pixel size. */
public final class ReadVolumeNodeFactory implements NodeFactory {

    @Override public String id() { return "read-volume"; }
    @Override public String name() { return "Read volume"; }
    @Override public String category() { return "Cryo-EM/Input"; }

    @Override
    public String shortDescription() {
        return "Reads an MRC map (a reference, a mask, a ground truth) with its pixel size.";
    }

    @Override
    public String fullDescription() {
        return """
                Reads a 3-D MRC map of mode 0, 1, 2, 4 (real part), 6 or 12 in either byte order, skipping extended \
                headers. The pixel size comes from the header (cell / grid size); set pixel-size to override a header \
                that has none or a wrong one.""";
    }

    @Override public List<Port> inputs() { return List.of(); }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("volume", PortTypes.VOLUME, "The map."));
    }

    @Override
    public SettingsSchema settings() {
        return SettingsSchema.of(ReadVolumeSettings.class);
    }

    @Override
    public NodeModel createModel() {
        return new NodeModel() {
            @Override
            public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings settings) {
                settings.validate("read-volume");
                ReadVolumeSettings s = settings.bind(ReadVolumeSettings.class);
                Path f = s.file();
                if (!Files.isRegularFile(f)) {
                    throw new BadInputException("setting 'file': " + (Files.isDirectory(f) ? "a folder, not a file: " : "file not found: ") + f);
                }
                try {
                    MrcHeader h = MrcReader.readHeader(f);
                    double px = s.pixelSize() > 0 ? s.pixelSize() : h.pixelSize();
                    return List.of(VolumePortObject.spec(h.nx(), h.ny(), h.nz(), px, f));
                } catch (java.io.IOException e) {
                    throw new BadInputException(f + ": cannot read the MRC header: " + e.getMessage(), e);
                }
            }

            @Override
            public List<PortObject> execute(List<PortObject> in, NodeSettings settings, ExecutionContext ctx) throws Exception {
                ReadVolumeSettings s = settings.bind(ReadVolumeSettings.class);
                Path f = s.file();
                Volume v;
                try (MrcReader r = MrcReader.open(f)) {
                    v = r.readVolume();
                }
                if (s.pixelSize() > 0) {
                    v = v.withPixelSize(s.pixelSize());
                }
                ctx.info(String.format(Locale.ROOT, "read %s: %s", f.getFileName(), v));
                return List.of(new VolumePortObject(v));
            }
        };
    }
}
