package org.emflow.testnodes;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.PortTypes;
import org.emflow.ports.TablePortObject;
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
 * Node plugins that live only in test sources, found through META-INF/services like a third-party
 * jar's: they prove discovery and drive the engine tests.
 */
public final class TestNodes {
    /** Order in which nodes started executing, for the order tests. */
    public static final List<String> STARTED = new CopyOnWriteArrayList<>();
    /** Barriers by name: nodes that share one must run at the same time. */
    public static final Map<String, CyclicBarrier> BARRIERS = new ConcurrentHashMap<>();

    private TestNodes() {
    }

    static TablePortObject numbers(double... v) {
        List<List<String>> rows = new ArrayList<>();
        for (double d : v) {
            rows.add(List.of(Double.toString(d)));
        }
        return new TablePortObject(List.of("value"), rows);
    }

    static void common(NodeSettings s, ExecutionContext ctx, String name) throws Exception {
        STARTED.add(name);
        String barrier = s.getString("barrier");
        if (barrier != null && !barrier.isEmpty()) {
            BARRIERS.get(barrier).await(10, TimeUnit.SECONDS);
        }
        int spin = s.getInt("spin-ms");
        long end = System.nanoTime() + spin * 1_000_000L;
        // Writes a file first so that the cancellation tests can check it does not survive.
        Files.writeString(ctx.outputFile("partial.txt"), "work in progress");
        while (System.nanoTime() < end) {
            ctx.progress(1 - (end - System.nanoTime()) / (spin * 1e6), "spinning");
            ctx.checkCanceled();
            Thread.sleep(5);
        }
        if (s.getBoolean("fail")) {
            throw new IllegalStateException("failing as asked");
        }
        if (s.getBoolean("bad-input")) {
            throw new BadInputException("bad input as asked");
        }
    }

    static Setting.Builder[] commonSettings(Setting.Builder... more) {
        List<Setting.Builder> l = new ArrayList<>(List.of(more));
        l.add(Setting.string("barrier").def("").help("Name of a barrier to meet (parallelism tests)."));
        l.add(Setting.integer("spin-ms").def(0).range(0, 60000).help("Milliseconds to work, checking cancellation."));
        l.add(Setting.bool("fail").help("Fail with a program error."));
        l.add(Setting.bool("bad-input").help("Fail with a bad-input error."));
        return l.toArray(Setting.Builder[]::new);
    }

    /** Emits {@code count} copies of {@code value}. */
    public static final class Source implements NodeFactory {
        @Override public String id() { return "test-source"; }
        @Override public String name() { return "Test source"; }
        @Override public String category() { return "Testing"; }
        @Override public String shortDescription() { return "Emits a column of numbers."; }
        @Override public String fullDescription() { return "A test node that emits count copies of value."; }
        @Override public List<Port> inputs() { return List.of(); }
        @Override public List<Port> outputs() { return List.of(Port.of("numbers", PortTypes.TABLE, "The numbers.")); }

        @Override
        public SettingsSchema settings() {
            return SettingsSchema.of(commonSettings(
                    Setting.real("value").def(1.0).help("The number to emit."),
                    Setting.integer("count").def(3).range(1, 1000).help("How many rows."),
                    Setting.choice("mode", "plain", "squared").def("plain").help("Emit value or value squared."),
                    Setting.path("notes").help("A file of notes (unused; exercises the studio's file picker)."),
                    Setting.list("labels").help("Labels (unused; exercises the studio's list control)."),
                    Setting.string("comment").def("").help("Any text; written verbatim to comment.txt (workflow-file round trips)."),
                    Setting.bool("json").cliOnly().help("Command-line only; never in workflows or the studio.")));
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
                    common(s, ctx, "source:" + s.getDouble("value"));
                    if (!s.getString("comment").isEmpty()) {
                        Files.write(ctx.outputFile("comment.txt"), s.getString("comment").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                    double v = s.getDouble("value");
                    if (s.getString("mode").equals("squared")) {
                        v *= v;
                    }
                    double[] out = new double[s.getInt("count")];
                    java.util.Arrays.fill(out, v);
                    ctx.info("emitting " + out.length + " x " + v);
                    return List.of(numbers(out));
                }
            };
        }
    }

    /** Adds two columns row by row (b optional: then a is passed through). */
    public static final class Sum implements NodeFactory {
        @Override public String id() { return "test-sum"; }
        @Override public String name() { return "Test sum"; }
        @Override public String category() { return "Testing"; }
        @Override public String shortDescription() { return "Adds two columns of numbers."; }
        @Override public String fullDescription() { return "A test node with a required and an optional input."; }

        @Override
        public List<Port> inputs() {
            return List.of(Port.of("a", PortTypes.TABLE, "First numbers."), Port.optional("b", PortTypes.TABLE, "Second numbers."));
        }

        @Override public List<Port> outputs() { return List.of(Port.of("sum", PortTypes.TABLE, "a + b.")); }
        @Override public SettingsSchema settings() { return SettingsSchema.of(commonSettings()); }

        @Override
        public NodeModel createModel() {
            return new NodeModel() {
                @Override
                public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
                    return List.of(PortObjectSpec.of(PortTypes.TABLE));
                }

                @Override
                public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) throws Exception {
                    common(s, ctx, "sum");
                    double[] a = ((TablePortObject) in.get(0)).numbers("value");
                    if (in.get(1) != null) {
                        double[] b = ((TablePortObject) in.get(1)).numbers("value");
                        if (b.length != a.length) {
                            throw new BadInputException("a has " + a.length + " rows, b " + b.length);
                        }
                        for (int i = 0; i < a.length; i++) {
                            a[i] += b[i];
                        }
                    }
                    return List.of(numbers(a));
                }
            };
        }
    }

    /** Takes a file port: used for the type-mismatch tests. */
    public static final class FileSink implements NodeFactory {
        @Override public String id() { return "test-file-sink"; }
        @Override public String name() { return "Test file sink"; }
        @Override public String category() { return "Testing"; }
        @Override public String shortDescription() { return "Takes a file."; }
        @Override public String fullDescription() { return "A test node whose input is a file port."; }
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
