package org.emflow.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;

class SettingsRecordTest {
    enum Mode { AUTO, PHASE_FLIP, @Key("dose_ascending") DOSE_ASCENDING }

    /** The defaults of {@link Declared}'s {@code @DefaultFrom} components. */
    record Options(double wienerSnr, int padding, Mode mode) {
        public static Options defaults() {
            return new Options(0.5, 2, Mode.PHASE_FLIP);
        }
    }

    @Defaults(Options.class)
    record Declared(
            @Help("The map.") @Positional(0) @Required @Files({"MRC", "map"}) Path file,
            @Help("Folder.") @Files(Setting.FOLDER) @Cli({"--data", "--datadir"}) Path dataDir,
            @Help("SNR.") @DefaultFrom @Min(0) double wienerSnr,
            @Help("Padding.") @DefaultFrom("padding") @Min(1) @Max(4) int pad,
            @Help("Mode.") @DefaultFrom Mode mode,
            @Help("Other mode.") @Default("auto") @Key("other_mode") Mode other,
            @Help("Resolution.") @Min(0) Double resolution,
            @Help("Seed.") @Default("7") long seed,
            @Help("Flag.") boolean flag,
            @Help("Dose.") @Default("true") boolean dose,
            @Help("Name.") @Default("") String name,
            @Help("Labels.") List<String> labels,
            @Help("JSON.") @CliOnly boolean json) {
    }

    /** The same schema written with the builders. */
    private static final SettingsSchema BUILT = SettingsSchema.of(
            Setting.path("file").positional(0).required().files("MRC", "map").help("The map."),
            Setting.path("data-dir").files(Setting.FOLDER).cli("--data", "--datadir").help("Folder."),
            Setting.real("wiener-snr").def(0.5).min(0).help("SNR."),
            Setting.integer("pad").def(2).range(1, 4).help("Padding."),
            Setting.choice("mode", "auto", "phase-flip", "dose_ascending").def("phase-flip").help("Mode."),
            Setting.choice("other_mode", "auto", "phase-flip", "dose_ascending").def("auto").help("Other mode."),
            Setting.real("resolution").min(0).help("Resolution."),
            Setting.integer("seed").def("7").help("Seed."),
            Setting.bool("flag").help("Flag."),
            Setting.bool("dose").def(true).help("Dose."),
            Setting.string("name").def("").help("Name."),
            Setting.list("labels").help("Labels."),
            Setting.bool("json").cliOnly().help("JSON."));

    static String text(SettingsSchema schema) {
        StringBuilder s = new StringBuilder();
        for (Setting st : schema.all()) {
            s.append(st.key()).append(' ').append(st.type()).append(' ').append(st.defaultValue()).append(' ').append(st.min())
                    .append(' ').append(st.max()).append(' ').append(st.choices()).append(' ').append(st.help()).append(' ')
                    .append(st.cliNames()).append(' ').append(st.positional()).append(' ').append(st.required()).append(' ')
                    .append(st.cliOnly()).append(' ').append(st.fileTypes()).append('\n');
        }
        return s.toString();
    }

    @Test
    void theRecordDeclaresTheSameSchemaAsTheBuilders() {
        assertEquals(text(BUILT), text(SettingsSchema.of(Declared.class)));
    }

    @Test
    void derivationIsCached() {
        assertSame(SettingsSchema.of(Declared.class), SettingsSchema.of(Declared.class));
    }

    private static NodeSettings settings(Map<String, String> values) {
        return new NodeSettings(SettingsSchema.of(Declared.class), values, Path.of("/base"));
    }

    @Test
    void bindAppliesDefaultsAndResolvesPaths() {
        Declared d = settings(Map.of("file", "maps/a.mrc", "labels", "x, y,,z", "other_mode", " Dose_Ascending ")).bind(Declared.class);
        assertEquals(Path.of("/base/maps/a.mrc"), d.file());
        assertNull(d.dataDir());
        assertEquals(0.5, d.wienerSnr());
        assertEquals(2, d.pad());
        assertEquals(Mode.PHASE_FLIP, d.mode());
        assertEquals(Mode.DOSE_ASCENDING, d.other());
        assertNull(d.resolution());
        assertEquals(7L, d.seed());
        assertEquals(false, d.flag());
        assertEquals(true, d.dose());
        assertEquals("", d.name());
        assertEquals(List.of("x", "y", "z"), d.labels());
        assertEquals("dose_ascending", SettingsRecord.choice(d.other()));
        assertEquals("phase-flip", SettingsRecord.choice(d.mode()));
    }

    @Test
    void bindFailsWithTheGettersMessages() {
        NodeSettings s = settings(Map.of("file", "a.mrc", "pad", "9"));
        BadInputException e = assertThrows(BadInputException.class, () -> s.bind(Declared.class));
        assertEquals(assertThrows(BadInputException.class, () -> s.getInt("pad")).getMessage(), e.getMessage());
        assertEquals("setting 'pad' must be at most 4, not 9", e.getMessage());
        NodeSettings none = settings(Map.of("file", "a.mrc", "wiener-snr", " "));
        assertEquals("setting 'wiener-snr' is required", assertThrows(BadInputException.class, () -> none.bind(Declared.class)).getMessage());
    }

    /** A view: some of the settings, no annotations needed. */
    record FileOnly(Path file, Double resolution) {
    }

    @Test
    void aViewBindsSomeSettings() {
        FileOnly f = settings(Map.of("file", "a.mrc", "pad", "nine", "resolution", "3.5")).bind(FileOnly.class);
        assertEquals(Path.of("/base/a.mrc"), f.file());
        assertEquals(3.5, f.resolution());
    }

    record Unsupported(@Help("x") Object x) {
    }

    record NoHelp(int x) {
    }

    @Test
    void badDeclarationsFailAtDerivation() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SettingsSchema.of(Unsupported.class));
        assertTrue(e.getMessage().contains("no setting type"), e.getMessage());
        assertThrows(NullPointerException.class, () -> SettingsSchema.of(NoHelp.class));
    }

    @Test
    void keysAreKebabCase() {
        assertEquals("uninvert-data", SettingsRecord.kebab("uninvertData"));
        assertEquals("ave2d", SettingsRecord.kebab("ave2d"));
        assertEquals("use-first-ntilts", SettingsRecord.kebab("useFirstNtilts"));
    }
}
