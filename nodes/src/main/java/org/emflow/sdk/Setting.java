package org.emflow.sdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One typed option of a node: its key (as in workflow files), type, default, range or choices, help
 * text and command-line names. This is the single source for the node description, the studio's
 * dialog, the workflow validation and the generated subcommand's flags.
 */
public final class Setting {
    /** The file type of a path setting that names a folder ({@link Builder#files}). */
    public static final String FOLDER = "folder";

    private final String key;
    private final SettingType type;
    private final String defaultValue;
    private final Double min;
    private final Double max;
    private final List<String> choices;
    private final String help;
    private final List<String> cliNames;
    private final int positional;
    private final boolean required;
    private final boolean cliOnly;
    private final List<String> fileTypes;

    private Setting(Builder b) {
        this.key = b.key;
        this.type = b.type;
        this.defaultValue = b.defaultValue;
        this.min = b.min;
        this.max = b.max;
        this.choices = List.copyOf(b.choices);
        this.help = Objects.requireNonNull(b.help, "help text of setting " + b.key);
        this.cliNames = b.cliNames.isEmpty() ? List.of("--" + b.key) : List.copyOf(b.cliNames);
        this.positional = b.positional;
        this.required = b.required;
        this.cliOnly = b.cliOnly;
        this.fileTypes = List.copyOf(b.fileTypes);
    }

    public static Builder string(String key) { return new Builder(key, SettingType.STRING); }
    public static Builder integer(String key) { return new Builder(key, SettingType.INT); }
    public static Builder real(String key) { return new Builder(key, SettingType.DOUBLE); }
    public static Builder bool(String key) { return new Builder(key, SettingType.BOOLEAN).def("false"); }
    public static Builder path(String key) { return new Builder(key, SettingType.PATH); }
    public static Builder list(String key) { return new Builder(key, SettingType.LIST); }

    /** An enumerated choice; the values are written lower case in files and on the command line. */
    public static Builder choice(String key, String... values) {
        Builder b = new Builder(key, SettingType.ENUM);
        for (String v : values) {
            b.choices.add(v.toLowerCase(Locale.ROOT));
        }
        return b;
    }

    public String key() { return key; }
    /**
     * For a path: the extensions of the files it names (lower case, no dot), or {@link #FOLDER} for a folder; empty
     * when any file will do. File choosers offer these first.
     */
    public List<String> fileTypes() { return fileTypes; }

    public SettingType type() { return type; }
    /** The default as written in a workflow file, or null when the setting has none (then it is optional unless required). */
    public String defaultValue() { return defaultValue; }
    public Double min() { return min; }
    public Double max() { return max; }
    public List<String> choices() { return choices; }
    public String help() { return help; }
    /** Command-line names, the first being the main one (e.g. {@code --ind}, {@code --ind-ptcls}). */
    public List<String> cliNames() { return cliNames; }
    /** Index of the positional command-line parameter this setting takes, or -1 for an option. */
    public int positional() { return positional; }
    public boolean required() { return required; }
    /** Only meaningful on the command line (e.g. {@code --json}); not shown in workflow files or the studio. */
    public boolean cliOnly() { return cliOnly; }

    /**
     * Parses and checks a raw value as it appears in a workflow file or on the command line.
     *
     * @return the problem, or null when the value is valid
     */
    public String check(String raw) {
        if (raw == null || raw.isEmpty()) {
            return required ? "is required" : null;
        }
        if (type == SettingType.PATH && raw.indexOf('\0') >= 0) { // a quoted INI value can hold "\u0000", no path (it failed with exit 3)
            return "holds a NUL character: '" + raw.replace("\0", "\\u0000") + "'";
        }
        try {
            switch (type) {
                case INT -> checkRange(Long.parseLong(raw.trim()));
                case DOUBLE -> {
                    double d = Double.parseDouble(raw.trim());
                    if (!Double.isFinite(d)) {
                        return "must be a finite number, not '" + raw + "'";
                    }
                    checkRange(d);
                }
                case BOOLEAN -> {
                    String s = raw.trim().toLowerCase(Locale.ROOT);
                    if (!List.of("true", "false", "yes", "no", "1", "0", "on", "off").contains(s)) {
                        return "must be true or false, not '" + raw + "'";
                    }
                }
                case ENUM -> {
                    if (!choices.contains(raw.trim().toLowerCase(Locale.ROOT))) {
                        return "must be one of " + String.join(", ", choices) + ", not '" + raw + "'";
                    }
                }
                default -> {
                }
            }
        } catch (NumberFormatException e) {
            return "must be " + (type == SettingType.INT ? "a whole number" : "a number") + ", not '" + raw + "'";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    private void checkRange(double v) {
        if (min != null && v < min) {
            throw new IllegalArgumentException("must be at least " + fmt(min) + ", not " + fmt(v));
        }
        if (max != null && v > max) {
            throw new IllegalArgumentException("must be at most " + fmt(max) + ", not " + fmt(v));
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A one-line description of type, range and default, for help texts. */
    public String typeSummary() {
        return typeSummary(defaultValue);
    }

    /** The same with another default (a preset of a chain of nodes). */
    public String typeSummary(String shownDefault) {
        StringBuilder s = new StringBuilder(type.name().toLowerCase(Locale.ROOT));
        if (type == SettingType.ENUM) {
            s.append(" {").append(String.join(", ", choices)).append('}');
        }
        if (min != null || max != null) {
            // values are finite: an open end is written as a half-open interval
            s.append(min == null ? " in (-inf, " : " in [" + fmt(min) + ", ").append(max == null ? "inf)" : fmt(max) + "]");
        }
        if (required) {
            s.append(", required");
        } else if (shownDefault != null && !shownDefault.isEmpty()) {
            s.append(", default ").append(shownDefault);
        }
        return s.toString();
    }

    /** Builds a {@link Setting}; help text is mandatory. */
    public static final class Builder {
        private final String key;
        private final SettingType type;
        private String defaultValue;
        private Double min;
        private Double max;
        private final List<String> choices = new ArrayList<>();
        private String help;
        private final List<String> cliNames = new ArrayList<>();
        private int positional = -1;
        private boolean required;
        private boolean cliOnly;
        private final List<String> fileTypes = new ArrayList<>();

        private Builder(String key, SettingType type) {
            if (!key.matches("[a-z][a-z0-9_.-]*") || key.equals("type") || key.equals("position") || key.startsWith("in.")) {
                throw new IllegalArgumentException("invalid setting key '" + key + "' (lower-case, not 'type', 'position' or 'in.*')");
            }
            this.key = key;
            this.type = type;
        }

        public Builder def(Object value) {
            this.defaultValue = value == null ? null : String.valueOf(value);
            return this;
        }

        public Builder range(double lo, double hi) {
            this.min = lo;
            this.max = hi;
            return this;
        }

        public Builder min(double lo) {
            this.min = lo;
            return this;
        }

        public Builder max(double hi) {
            this.max = hi;
            return this;
        }

        public Builder help(String text) {
            this.help = text;
            return this;
        }

        /** Command-line names; the first is the main one. Default: {@code --key}. */
        public Builder cli(String... names) {
            Collections.addAll(cliNames, names);
            return this;
        }

        /** Takes the positional command-line parameter at {@code index}. */
        public Builder positional(int index) {
            this.positional = index;
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder cliOnly() {
            this.cliOnly = true;
            return this;
        }

        /** The extensions of the files a path names ("star", "mrc"), or {@link Setting#FOLDER}. */
        public Builder files(String... types) {
            if (type != SettingType.PATH) {
                throw new IllegalStateException("setting '" + key + "' is not a path: it names no files");
            }
            for (String t : types) {
                fileTypes.add(t.toLowerCase(Locale.ROOT));
            }
            return this;
        }

        public Setting build() {
            Setting s = new Setting(this);
            if (s.defaultValue != null && !s.defaultValue.isEmpty()) {
                String problem = s.check(s.defaultValue);
                if (problem != null) {
                    throw new IllegalArgumentException("default of setting '" + key + "' " + problem);
                }
            }
            return s;
        }
    }
}
