package org.emflow.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;

class SettingsTest {
    enum Ctf { NONE, PHASE_FLIP, WIENER }

    private final SettingsSchema schema = SettingsSchema.of(
            Setting.integer("box").def(64).range(16, 1024).help("Box size."),
            Setting.real("snr").def(1.0).min(0).help("Signal to noise."),
            Setting.bool("flip").help("Flip z."),
            Setting.choice("ctf", "none", "phase-flip", "wiener").def("wiener").help("CTF mode."),
            Setting.path("star").help("Particles."),
            Setting.list("tilts").def("-60,0,60").help("Tilts."),
            Setting.string("label").required().help("A label."));

    private NodeSettings settings(Map<String, String> values) {
        return new NodeSettings(schema, values, Path.of("/data/project"));
    }

    @Test
    void missingKeysTakeTheirDefaults() {
        NodeSettings s = settings(Map.of("label", "x"));
        assertEquals(64, s.getInt("box"));
        assertEquals(1.0, s.getDouble("snr"));
        assertEquals(false, s.getBoolean("flip"));
        assertEquals(Ctf.WIENER, s.getEnum("ctf", Ctf.class));
        assertEquals(List.of("-60", "0", "60"), s.getList("tilts"));
        assertNull(s.getPath("star"));
        assertTrue(s.problems().isEmpty());
    }

    @Test
    void typedValuesParseAndPathsResolveAgainstTheBaseFolder() {
        NodeSettings s = settings(Map.of("label", "x", "box", "128", "snr", "0.05", "flip", "yes", "ctf", "Phase-Flip",
                "star", "sub/p.star"));
        assertEquals(128, s.getInt("box"));
        assertEquals(0.05, s.getDouble("snr"), 0);
        assertTrue(s.getBoolean("flip"));
        assertEquals(Ctf.PHASE_FLIP, s.getEnum("ctf", Ctf.class));
        assertEquals(Path.of("/data/project/sub/p.star"), s.getPath("star"));
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        NodeSettings s = settings(Map.of("box", "8", "snr", "abc", "flip", "maybe", "ctf", "wiener2", "bxo", "3"));
        List<String> p = s.problems();
        assertEquals(6, p.size(), p.toString());
        assertTrue(p.contains("unknown setting 'bxo' (did you mean 'box'?)"), p.toString());
        assertTrue(p.contains("setting 'box' must be at least 16, not 8"), p.toString());
        assertTrue(p.contains("setting 'snr' must be a number, not 'abc'"), p.toString());
        assertTrue(p.contains("setting 'flip' must be true or false, not 'maybe'"), p.toString());
        assertTrue(p.contains("setting 'ctf' must be one of none, phase-flip, wiener, not 'wiener2'"), p.toString());
        assertTrue(p.contains("setting 'label' is required"), p.toString());
        BadInputException e = assertThrows(BadInputException.class, () -> s.validate("[bp]"));
        assertTrue(e.getMessage().startsWith("[bp]: "), e.getMessage());
    }

    @Test
    void invalidDefaultsAreRejectedWhenTheSchemaIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> Setting.integer("n").def(0).range(1, 10).help("n").build());
        assertThrows(IllegalArgumentException.class, () -> Setting.integer("type").help("reserved").build());
    }

    @Test
    void nearestNameIsSuggestedOnlyWhenClose() {
        assertEquals("backproject", Names.nearest("backprojct", List.of("fsc", "backproject", "read-star")));
        assertNull(Names.nearest("zzzzzzzzzzzz", List.of("fsc", "backproject")));
    }
}
