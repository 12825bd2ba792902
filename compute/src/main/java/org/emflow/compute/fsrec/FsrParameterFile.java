package org.emflow.compute.fsrec;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.TextInput;
import org.emflow.compute.util.Excerpt;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.Profile;

/**
 * Reads a PyFSRec parameter file (.fsr, INI syntax) into "SECTION.Key" strings for
 * {@link FsrParameters#fromMap}. Unlike the original (Python configparser), {@code #} and {@code ;}
 * start a comment anywhere on a line, so inline comments work for every key (the original crashes on
 * them for numbers and booleans and keeps them inside strings, so its own documented example cannot
 * run). Section names and keys are case-insensitive; a line "key=value" or "key: value".
 */
public final class FsrParameterFile {
    private FsrParameterFile() {
    }

    /** The file's settings as "SECTION.Key" -&gt; value (comments removed, whitespace trimmed). */
    public static Map<String, String> readMap(Path fsr) {
        String text;
        try {
            text = TextInput.read(fsr, "parameter file");
        } catch (IOException e) {
            throw new BadInputException(fsr + ": cannot read the parameter file: " + e.getMessage(), e);
        }
        return parse(text, fsr.toString());
    }

    /** Parses .fsr text; {@code source} names it in error messages. */
    public static Map<String, String> parse(String text, String source) {
        StringBuilder clean = new StringBuilder(text.length());
        String[] lines = text.split("\r\n|\n|\r", -1);
        java.util.List<String> errors = new java.util.ArrayList<>();
        boolean inSection = false;
        String sectionName = "";
        Map<String, Integer> firstLine = new java.util.HashMap<>(); // configparser (strict) refuses a repeated key too
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                clean.append('\n');
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    errors.add("line " + (i + 1) + ": malformed section header " + Excerpt.of(line));
                    clean.append('\n');
                    continue;
                }
                inSection = true;
                sectionName = line.substring(1, line.length() - 1);
            } else if (line.indexOf('=') < 0 && line.indexOf(':') < 0) {
                errors.add("line " + (i + 1) + ": expected key=value but found " + Excerpt.of(line));
                clean.append('\n');
                continue;
            } else if (!inSection) {
                errors.add("line " + (i + 1) + ": " + Excerpt.of(line) + " comes before any [SECTION] header");
                clean.append('\n');
                continue;
            } else if (line.indexOf('=') < 0) {
                // configparser also accepts "key: value"; ini4j needs '='.
                int c = line.indexOf(':');
                line = line.substring(0, c) + "=" + line.substring(c + 1);
            }
            if (inSection && !line.startsWith("[")) {
                String key = line.substring(0, line.indexOf('=')).strip();
                Integer first = firstLine.putIfAbsent(SettingsReader.normalName(sectionName, key), i + 1);
                if (first != null) {
                    errors.add("line " + (i + 1) + ": [" + sectionName.strip() + "] " + key + " is already set on line " + first
                            + ": keep one");
                }
            }
            clean.append(line).append('\n');
        }
        if (!errors.isEmpty()) {
            // A file given by mistake (not a .fsr) fails on every line: name the first few, not all of them.
            throw new BadInputException(source + ": " + errors.size() + " problem(s) in the parameter file:\n  "
                    + Excerpt.firstOf(errors, 5, "\n  "));
        }
        Ini ini = new Ini();
        Config config = ini.getConfig().clone();
        config.setEscape(false);
        config.setMultiOption(false);
        config.setMultiSection(true);
        config.setEmptyOption(true);
        config.setLowerCaseOption(false);
        config.setLowerCaseSection(false);
        ini.setConfig(config);
        try {
            ini.load(new StringReader(clean.toString()));
        } catch (IOException e) {
            throw new BadInputException(source + ": not a valid parameter file: " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Profile.Section section : ini.values()) {
            for (String key : section.keySet()) {
                String value = section.get(key);
                out.put(section.getName().strip() + "." + key.strip(), value == null ? "" : value.strip());
            }
        }
        return out;
    }

    private static String stripComment(String line) {
        int cut = line.length();
        int hash = line.indexOf('#');
        int semi = line.indexOf(';');
        if (hash >= 0) {
            cut = hash;
        }
        if (semi >= 0 && semi < cut) {
            cut = semi;
        }
        return line.substring(0, cut);
    }
}
