package org.emflow.studio.testnodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.emflow.compute.image.Volume;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.ports.FscPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.ports.TablePortObject;
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
 * like a plugin's): they give the API and browser tests a table chain, a volume, an FSC-shaped
 * table with a known analytic curve and a file input for the type-mismatch case.
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

    static TablePortObject column(String name, double... v) {
        List<List<String>> rows = new ArrayList<>();
        for (double d : v) {
            rows.add(List.of(Double.toString(d)));
        }
        return new TablePortObject(List.of(name), rows);
    }

    /** Emits {@code count} copies of {@code value}. */
    public static final class Numbers extends Base {
        @Override public String id() { return "studio-numbers"; }
        @Override public String name() { return "Numbers"; }
        @Override public String shortDescription() { return "Emits a column of equal numbers."; }
        @Override public List<Port> inputs() { return List.of(); }
        @Override public List<Port> outputs() { return List.of(Port.of("numbers", PortTypes.TABLE, "The numbers.")); }

        @Override
        public SettingsSchema settings() {
            return SettingsSchema.of(Setting.real("value").def(1.0).help("The number to emit."),
                    Setting.integer("count").def(3).range(1, 1000).help("How many rows."),
                    Setting.choice("mode", "plain", "squared").def("plain").help("Emit the value or its square."),
                    Setting.bool("verbose").help("Log every row."),
                    Setting.path("notes").help("A file of notes (unused; exercises the file picker)."),
                    Setting.list("labels").help("Labels (unused; exercises the list control)."),
                    spinSetting(),
                    Setting.bool("json").cliOnly().help("Command-line only; never shown in the studio."));
        }

        @Override
        public NodeModel createModel() {
            return new NodeModel() {
                @Override
                public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
                    return List.of(PortObjectSpec.of(PortTypes.TABLE));
                }

                @Override
                public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) throws Exception {
                    spin(s, ctx);
                    double v = s.getDouble("value");
                    if (s.getString("mode").equals("squared")) {
                        v *= v;
                    }
                    double[] out = new double[s.getInt("count")];
                    Arrays.fill(out, v);
                    ctx.info("emitting " + out.length + " x " + v);
                    return List.of(column("value", out));
                }
            };
        }
    }

    /** Adds two columns row by row ({@code b} optional). */
    public static final class Sum extends Base {
        @Override public String id() { return "studio-sum"; }
        @Override public String name() { return "Sum"; }
        @Override public String shortDescription() { return "Adds two columns of numbers."; }

        @Override
        public List<Port> inputs() {
            return List.of(Port.of("a", PortTypes.TABLE, "First numbers."), Port.optional("b", PortTypes.TABLE, "Second numbers."));
        }

        @Override public List<Port> outputs() { return List.of(Port.of("sum", PortTypes.TABLE, "a + b.")); }
        @Override public SettingsSchema settings() { return SettingsSchema.of(spinSetting()); }

        @Override
        public NodeModel createModel() {
            return new NodeModel() {
                @Override
                public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
                    return List.of(PortObjectSpec.of(PortTypes.TABLE));
                }

                @Override
                public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) throws Exception {
                    spin(s, ctx);
                    double[] a = ((TablePortObject) in.get(0)).numbers("value");
                    if (in.get(1) != null) {
                        double[] b = ((TablePortObject) in.get(1)).numbers("value");
                        for (int i = 0; i < Math.min(a.length, b.length); i++) {
                            a[i] += b[i];
                        }
                    }
                    ctx.info("summed " + a.length + " rows");
                    return List.of(column("value", a));
                }
            };
        }
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

    /** Takes a file: the other end of the refused connection. */
    public static final class FileSink extends Base {
        @Override public String id() { return "studio-file-sink"; }
        @Override public String name() { return "File sink"; }
        @Override public String shortDescription() { return "Takes a file and does nothing."; }
        @Override public List<Port> inputs() { return List.of(Port.of("file", PortTypes.FILE, "Any file.")); }
        @Override public List<Port> outputs() { return List.of(); }
        @Override public SettingsSchema settings() { return SettingsSchema.of(); }

        @Override
        public NodeModel createModel() {
            return new NodeModel() {
                @Override
                public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
                    return List.of();
                }

                @Override
                public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) {
                    return List.of();
                }
            };
        }
    }
}
