package org.emflow.sdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emflow.compute.util.BadInputException;

/**
 * The values of one node instance's settings, as raw strings (the form they take in workflow files
 * and on the command line) with typed access. A missing key gives the setting's default; relative
 * paths resolve against {@link #baseDir()} (the workflow file's folder, or the working directory on
 * the command line).
 */
public final class NodeSettings {
    private final SettingsSchema schema;
    private final Map<String, String> values;
    private final Path baseDir;

    public NodeSettings(SettingsSchema schema, Map<String, String> values, Path baseDir) {
        this.schema = schema;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    public SettingsSchema schema() { return schema; }

    /** The raw values that were set explicitly (not defaults), in their order. */
    public Map<String, String> explicitValues() { return values; }

    public Path baseDir() { return baseDir; }

    /** Every problem of these values: unknown keys (with the nearest valid one), bad types, out of range, missing required. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!schema.has(key)) {
                out.add(schema.unknownKeyMessage(key));
            }
        }
        for (Setting s : schema.all()) {
            String problem = s.check(raw(s.key()));
            if (problem != null) {
                out.add("setting '" + s.key() + "' " + problem);
            }
        }
        return out;
    }

    /** Throws a {@link BadInputException} listing every problem, if any. */
    public void validate(String where) {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new BadInputException(where + ": " + String.join("; ", p));
        }
    }

    /** The raw value, or the default, or null. */
    public String raw(String key) {
        Setting s = setting(key);
        String v = values.get(key);
        return v != null ? v : s.defaultValue();
    }

    public boolean isSet(String key) {
        String v = raw(key);
        return v != null && !v.isBlank();
    }

    public String getString(String key) {
        String v = raw(key);
        return v == null ? null : v.trim();
    }

    public int getInt(String key) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parse(key, SettingType.INT)));
    }

    public long getLong(String key) {
        return (long) parse(key, SettingType.INT);
    }

    public double getDouble(String key) {
        return parse(key, SettingType.DOUBLE);
    }

    public boolean getBoolean(String key) {
        String v = required(key, SettingType.BOOLEAN);
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            default -> false;
        };
    }

    /** An enum setting as the constant of {@code type} with the same name (case-insensitive, '-' read as '_'). */
    public <E extends Enum<E>> E getEnum(String key, Class<E> type) {
        String v = required(key, SettingType.ENUM).trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Enum.valueOf(type, v);
    }

    /** An enum setting as written in files (trimmed, lower case); an unset one without default is an error, as in {@link #getEnum}. */
    String choice(String key) {
        return required(key, SettingType.ENUM).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * These values as the settings record {@code type} declares them ({@link SettingsRecord}): parsed, defaults
     * applied and paths resolved as the getters do, with the same errors.
     */
    public <R extends Record> R bind(Class<R> type) {
        return SettingsRecord.bind(this, type);
    }

    /** A path setting resolved against the base folder, or null when unset. */
    public Path getPath(String key) {
        Setting s = setting(key);
        checkType(s, SettingType.PATH);
        String v = raw(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        return baseDir.resolve(v.trim()).normalize();
    }

    /** Every path setting that is set (defaults included), resolved against the base folder, in schema order. */
    public List<Path> paths() {
        List<Path> out = new ArrayList<>();
        for (Setting s : schema.all()) {
            if (s.type() == SettingType.PATH && !s.cliOnly()) {
                Path p = getPath(s.key());
                if (p != null) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** A list setting: comma-separated items, trimmed, empty items dropped. */
    public List<String> getList(String key) {
        Setting s = setting(key);
        checkType(s, SettingType.LIST);
        String v = raw(key);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /** A copy with {@code key} set to {@code value}. */
    public NodeSettings with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new NodeSettings(schema, m, baseDir);
    }

    private double parse(String key, SettingType type) {
        String v = required(key, type);
        String problem = setting(key).check(v);
        if (problem != null) {
            throw new BadInputException("setting '" + key + "' " + problem);
        }
        return Double.parseDouble(v.trim());
    }

    private String required(String key, SettingType type) {
        Setting s = setting(key);
        checkType(s, type);
        String v = raw(key);
        if (v == null || v.isBlank()) {
            throw new BadInputException("setting '" + key + "' is required");
        }
        String problem = s.check(v);
        if (problem != null) {
            throw new BadInputException("setting '" + key + "' " + problem);
        }
        return v;
    }

    private Setting setting(String key) {
        Setting s = schema.get(key);
        if (s == null) {
            throw new IllegalArgumentException("node code asked for " + schema.unknownKeyMessage(key));
        }
        return s;
    }

    private static void checkType(Setting s, SettingType expected) {
        if (s.type() != expected && !(expected == SettingType.STRING)) {
            throw new IllegalArgumentException("setting '" + s.key() + "' is " + s.type() + ", read as " + expected);
        }
    }
}
