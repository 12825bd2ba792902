package org.emflow.studio.testnodes;

import java.util.List;
import java.util.Locale;
import org.emflow.compute.image.Volume;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.ports.FscPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.Port;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingsSchema;

/**
 * Small nodes that exist only in the studio's test class path (found through META-INF/services
 * like a plugin's): a volume and an FSC curve with a known analytic shape. The table chain and the
 * file input come from the nodes module's test nodes (org.emflow.testnodes).
 */
public final class StudioTestNodes {
    private StudioTestNodes() {
    }

    abstract static class Base implements NodeFactory {
        @Override public String category() { return "Testing"; }
        @Override public String fullDescription() { return shortDescription() + " A node of the studio tests."; }
    }

    static void spin(NodeSettings s, ExecutionContext ctx) throws InterruptedException {
        int ms = s.getInt("spin-ms");
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < end) {
            ctx.progress(1 - (end - System.nanoTime()) / (ms * 1e6), "working");
            ctx.checkCanceled();
            Thread.sleep(10);
        }
    }

    static Setting.Builder spinSetting() {
        return Setting.integer("spin-ms").def(0).range(0, 60000).help("Milliseconds to work before finishing, checking cancellation.");
    }

    /** A Gaussian blob off the centre, so that the three central slices differ. */
    public static final class Blob extends Base {
        @Override public String id() { return "studio-blob"; }
        @Override public String name() { return "Blob volume"; }
        @Override public String shortDescription() { return "Makes a cubic volume holding a Gaussian blob."; }
        @Override public List<Port> inputs() { return List.of(); }
        @Override public List<Port> outputs() { return List.of(Port.of("volume", PortTypes.VOLUME, "The volume.")); }

        @Override
        public SettingsSchema settings() {
            return SettingsSchema.of(Setting.integer("box").def(32).range(8, 256).help("Side of the cube in pixels."),
                    Setting.real("pixel-size").def(1.5).range(0.01, 100).help("Pixel size in A."),
                    Setting.real("sigma").def(4).range(0.5, 100).help("Blob width (standard deviation) in pixels."),
                    spinSetting());
        }

        @Override
        public NodeModel createModel() {
            return new NodeModel() {
                @Override
                public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
                    if (s.getDouble("sigma") * 2 > s.getInt("box")) {
                        throw new org.emflow.compute.util.BadInputException("setting 'sigma' (" + s.getDouble("sigma")
                                + " px) is too wide for box " + s.getInt("box"));
                    }
                    return List.of(VolumePortObject.spec(s.getInt("box"), s.getDouble("pixel-size")));
                }

                @Override
                public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) throws Exception {
                    int n = s.getInt("box");
                    double sg = s.getDouble("sigma");
                    Volume v = Volume.cube(n, s.getDouble("pixel-size"));
                    double cx = n * 0.6;
                    double cy = n * 0.45;
                    double cz = n * 0.5;
                    for (int z = 0; z < n; z++) {
                        for (int y = 0; y < n; y++) {
                            for (int x = 0; x < n; x++) {
                                double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy) * 0.5 + (z - cz) * (z - cz) * 2;
                                v.set(x, y, z, (float) Math.exp(-r2 / (2 * sg * sg)));
                            }
                        }
                    }
                    spin(s, ctx);
                    ctx.info(String.format(Locale.ROOT, "blob of sigma %.1f px in a %d^3 box", sg, n));
                    return List.of(new VolumePortObject(v));
                }
            };
        }
    }

    /**
     * The FSC curve exp(-(k/k0)^2) over the shells of the input volume:
     * it crosses 0.5 at k0 sqrt(ln 2) and 0.143 at k0 sqrt(ln(1/0.143)).
     */
    public static final class AnalyticFsc extends Base {
        @Override public String id() { return "studio-fsc"; }
        @Override public String name() { return "Analytic FSC"; }
        @Override public String shortDescription() { return "An FSC curve of Gaussian shape over the volume's shells."; }
        @Override public List<Port> inputs() { return List.of(Port.of("volume", PortTypes.VOLUME, "Gives the shells.")); }
        @Override public List<Port> outputs() { return List.of(Port.of("fsc", PortTypes.FSC, "The analytic curve.")); }

        @Override
        public SettingsSchema settings() {
            return SettingsSchema.of(Setting.real("k0").def(0.15).range(0.001, 10).help("Width of the curve in 1/A."));
        }

        @Override
        public NodeModel createModel() {
            return new NodeModel() {
                @Override
                public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
                    return List.of(PortObjectSpec.of(PortTypes.FSC));
                }

                @Override
                public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) {
                    Volume v = ((VolumePortObject) in.get(0)).volume();
                    double k0 = s.getDouble("k0");
                    int shells = v.nx() / 2 + 1;
                    double[] k = new double[shells];
                    double[] f = new double[shells];
                    long[] voxels = new long[shells];
                    for (int i = 0; i < shells; i++) {
                        k[i] = i / (v.nx() * v.pixelSize());
                        f[i] = Math.exp(-(k[i] / k0) * (k[i] / k0));
                        voxels[i] = 1;
                    }
                    ctx.info(shells + " shells");
                    return List.of(new FscPortObject(new FscCurve(k, f, voxels, v.pixelSize())));
                }
            };
        }
    }

}
