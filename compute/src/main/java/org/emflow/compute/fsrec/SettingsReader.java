package org.emflow.compute.fsrec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Excerpt;

/**
 * Reads the typed values of "SECTION.Key" settings for {@link FsrParameters} and collects every problem,
 * each naming section and key, to report them all at once.
 */
final class SettingsReader {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> sections = new LinkedHashSet<>();
    private final Map<String, String> originalKeys = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final String source;

    SettingsReader(Map<String, String> raw, String source) {
        this.source = source;
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String k = e.getKey();
            int dot = k.indexOf('.');
            if (dot <= 0) {
                errors.add("'" + k + "': setting names are SECTION.Key");
                continue;
            }
            String norm = normalName(k.substring(0, dot), k.substring(dot + 1));
            sections.add(norm.substring(0, norm.indexOf('.')));
            if (originalKeys.containsKey(norm)) {
                errors.add("'" + k + "' and '" + originalKeys.get(norm) + "' name the same setting: keep one");
            }
            if (e.getValue() != null) {
                values.put(norm, e.getValue().trim());
            }
            originalKeys.put(norm, k);
        }
    }

    /**
     * The one name of a setting: section upper case, key lower case (both are case-insensitive), old spellings
     * mapped to the current one ({@link FsrParameters#ALIASES}).
     */
    static String normalName(String section, String key) {
        String norm = section.trim().toUpperCase(Locale.ROOT) + "." + key.trim().toLowerCase(Locale.ROOT);
        return FsrParameters.ALIASES.getOrDefault(norm, norm);
    }

    List<String> unknownKeys() {
        List<String> w = new ArrayList<>();
        for (String k : originalKeys.keySet()) {
            int dot = k.indexOf('.');
            Set<String> known = FsrParameters.KNOWN.get(k.substring(0, dot));
            if (known == null) {
                w.add("unknown section [" + k.substring(0, dot) + "] (key " + originalKeys.get(k) + ") ignored");
            } else if (!known.contains(k.substring(dot + 1))) {
                w.add("unknown key " + originalKeys.get(k) + " ignored");
            }
        }
        return w;
    }

    boolean hasSection(String s) {
        return sections.contains(s);
    }

    String rawValue(String section, String key) {
        return values.get(section + "." + key.toLowerCase(Locale.ROOT));
    }

    void error(String section, String key, String message) {
        errors.add("[" + section + "] " + key + ": " + message);
    }

    void throwIfErrors() {
        if (!errors.isEmpty()) {
            throw new BadInputException(source + ": " + errors.size() + " problem(s) in the parameters:\n  "
                    + String.join("\n  ", errors));
        }
    }

    private String get(String section, String key) {
        String v = rawValue(section, key);
        return v == null || v.isEmpty() ? null : v;
    }

    String str(String section, String key, String def) {
        String v = get(section, key);
        if (v == null && def == null && !optional(section, key)) {
            error(section, key, "missing (required)");
        }
        return v == null ? def : v;
    }

    private boolean optional(String section, String key) {
        return key.equals("OUTPUTPATH") || key.equals("Methprealign");
    }

    Path path(String section, String key, String value, Path baseDir) {
        if (value == null) {
            return null;
        }
        try {
            Path p = Path.of(value);
            if (!p.isAbsolute() && baseDir != null) {
                p = baseDir.resolve(p);
            }
            return p.normalize();
        } catch (InvalidPathException e) {
            error(section, key, "not a valid path: '" + value.replace("\0", "\\u0000") + "'"); // a NUL shown, not sent raw
            return null;
        }
    }

    Double real(String section, String key, Double def) {
        String v = get(section, key);
        if (v == null) {
            if (def == null) {
                error(section, key, "missing (required)");
            }
            return def;
        }
        try {
            double[] d = ListLiteral.numbers(v);
            if (d.length != 1 || v.trim().startsWith("[")) {
                error(section, key, "expected one number but found " + Excerpt.of(v));
                return def;
            }
            if (!Double.isFinite(d[0])) {
                error(section, key, "not a finite number: '" + v + "'");
                return def;
            }
            return d[0];
        } catch (IllegalArgumentException e) {
            error(section, key, "expected a number but found " + Excerpt.of(v));
            return def;
        }
    }

    /** A whole number in [min, max]. */
    Integer integer(String section, String key, Integer def, int min, int max) {
        String v = get(section, key);
        if (v == null) {
            if (def == null) {
                error(section, key, "missing (required)");
            }
            return def;
        }
        Double d = real(section, key, def == null ? null : def.doubleValue());
        if (d == null || !v.matches("\\s*[+-]?\\d+(\\.0*)?\\s*")) {
            if (d != null) {
                error(section, key, "expected a whole number but found " + Excerpt.of(v));
            }
            return def;
        }
        if (d < min || d > max) {
            error(section, key, "must be between " + min + " and " + max + ": " + v);
            return def;
        }
        return (int) Math.round(d);
    }

    Boolean bool(String section, String key, Boolean def) {
        String v = get(section, key);
        if (v == null) {
            return def;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "on", "true", "1":
                return true;
            case "no", "off", "false", "0":
                return false;
            default:
                error(section, key, "expected Yes/No, On/Off, True/False or 1/0 but found " + Excerpt.of(v));
                return def;
        }
    }

    double[] list(String section, String key, double[] def, int minLen, int maxLen) {
        String v = get(section, key);
        if (v == null) {
            if (def == null && !key.equals("Outputfilter") && !key.equals("Autofocusfilter")) {
                error(section, key, "missing (required)");
            }
            return def;
        }
        try {
            double[] d = ListLiteral.numbers(v);
            if (d.length < minLen || d.length > maxLen) {
                error(section, key, "expected " + (minLen == maxLen ? "" + minLen : minLen + ".." + maxLen)
                        + " values but found " + d.length + " in " + Excerpt.of(v));
                return null;
            }
            for (double x : d) {
                if (!Double.isFinite(x)) {
                    error(section, key, "not a finite number in '" + v + "'");
                    return null;
                }
            }
            return d;
        } catch (IllegalArgumentException e) {
            error(section, key, "cannot read '" + v + "' as a list such as [1, 2]: " + e.getMessage());
            return null;
        }
    }

    double[] filter(String section, String key, double[] def, boolean required) {
        String v = get(section, key);
        if (v == null && def == null && !required) {
            return null;
        }
        double[] d = list(section, key, def, 2, 2);
        if (d != null && !(d[0] >= 0 && d[1] > d[0])) {
            error(section, key, "expected [low, high] in 1/nm with 0 <= low < high but found " + Excerpt.of(v));
            return null;
        }
        return d;
    }

    int positiveInt(String section, String key, double v) {
        if (v != Math.rint(v) || v < 1 || v > 1 << 20) {
            error(section, key, "expected positive whole numbers but found " + asWritten(v));
            return 0;
        }
        return (int) v;
    }

    /** A number as a user would have written it: 0, not the parsed 0.0; 2.5 stays 2.5. */
    static String asWritten(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    int anyInt(String section, String key, double v) {
        if (v != Math.rint(v) || Math.abs(v) > 1 << 20) {
            error(section, key, "expected whole numbers but found " + asWritten(v));
            return 0;
        }
        return (int) v;
    }

    /** Range: default all images; ranges [a, b] inclusive and single numbers, 0 <= index < NImages. */
    int[] range(int nImages) {
        String v = get("IMAGEDATA", "Range");
        if (v == null) {
            int[] all = new int[nImages];
            for (int i = 0; i < nImages; i++) {
                all[i] = i;
            }
            return all;
        }
        Object parsed;
        try {
            parsed = ListLiteral.parse(v);
        } catch (IllegalArgumentException e) {
            error("IMAGEDATA", "Range", "cannot read '" + v + "': " + e.getMessage());
            return null;
        }
        List<?> items = parsed instanceof List<?> l ? l : List.of(parsed);
        List<Integer> out = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        boolean ok = true;
        for (Object item : items) {
            int a;
            int b;
            if (item instanceof Double d) {
                a = (int) Math.floor(d);
                b = a;
                if (a != d) {
                    error("IMAGEDATA", "Range", "image numbers must be whole numbers: " + d);
                    ok = false;
                    continue;
                }
            } else {
                List<?> pair = (List<?>) item;
                if (pair.size() != 2 || !(pair.get(0) instanceof Double p) || !(pair.get(1) instanceof Double q)
                        || p != Math.rint(p) || q != Math.rint(q)) {
                    error("IMAGEDATA", "Range", "a range must be [first, last] with whole numbers: " + pair);
                    ok = false;
                    continue;
                }
                a = (int) (double) p;
                b = (int) (double) q;
                if (b < a) {
                    error("IMAGEDATA", "Range", "range [" + a + ", " + b + "] runs backwards");
                    ok = false;
                    continue;
                }
            }
            if (a < 0 || b >= nImages) {
                error("IMAGEDATA", "Range", "[" + a + ", " + b + "] is outside the images 0.." + (nImages - 1)
                        + " ([INPUT/OUTPUT] NImages=" + nImages + ")");
                ok = false;
                continue;
            }
            for (int i = a; i <= b; i++) {
                if (!seen.add(i)) {
                    error("IMAGEDATA", "Range", "image " + i + " is selected twice");
                    ok = false;
                }
                out.add(i);
            }
        }
        if (!ok) {
            return null;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
