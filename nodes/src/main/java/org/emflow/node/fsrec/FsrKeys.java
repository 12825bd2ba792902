package org.emflow.node.fsrec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emflow.compute.fsrec.FsrSetting;
import org.emflow.sdk.Setting;

/**
 * The .fsr parameter keys ({@link FsrSetting#all()}) as node settings: {@code section.key} in lower
 * case ({@code io} for PyFSRec's INPUT/OUTPUT section), so a workflow can carry the whole parameter
 * file. Values are written as in the .fsr file (lists as {@code [a, b]}) and validated together by
 * the compute library's parameter reader, which names section and key.
 */
final class FsrKeys {
    /** Setting key to the .fsr "SECTION.Key", in the file's order. */
    static final Map<String, String> TO_FSR = new LinkedHashMap<>();
    private static final List<Setting.Builder> SETTINGS = new ArrayList<>();

    private FsrKeys() {
    }

    static {
        for (FsrSetting f : FsrSetting.all()) {
            String section = f.section().equals("INPUT/OUTPUT") ? "io" : f.section().toLowerCase(Locale.ROOT);
            String key = section + "." + f.key().toLowerCase(Locale.ROOT);
            TO_FSR.put(key, f.name());
            String dflt = f.required() ? "required unless in the .fsr file" : "default " + f.defaultValue();
            SETTINGS.add(Setting.string(key).cli("--" + key)
                    .help(capitalise(f.description()) + " (.fsr [" + f.section() + "] " + f.key() + "; " + dflt + ")."));
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static List<Setting.Builder> settings() {
        return SETTINGS;
    }
}
