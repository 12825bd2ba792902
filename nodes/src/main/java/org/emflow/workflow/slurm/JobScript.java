package org.emflow.workflow.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emflow.compute.util.BadInputException;

/**
 * A job script template, like RELION's queue templates: a shell script with fields in double braces
 * ({@code {{command}}}, {@code {{node}}}, ...), which emflow fills in for every job. The site's lines (account,
 * modules, environment) live in the template; the resources go on sbatch's command line.
 */
public final class JobScript {
    /** The fields a template may use. */
    public static final List<String> FIELDS = List.of("command", "node", "job_name", "cpus", "mem", "time", "partition", "run_folder");
    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");

    private final String text;
    private final String source;

    private JobScript(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** The built-in template's text. */
    public static String builtInText() {
        try (InputStream in = JobScript.class.getResourceAsStream("job-template.sh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the built-in job template is missing from the jar", e);
        }
    }

    /** The template in {@code file}, or the built-in one when null; checked: only known fields, {@code command} present. */
    public static JobScript load(Path file) throws IOException {
        if (file == null) {
            return new JobScript(builtInText(), "the built-in job template");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("[slurm] template: " + file + " does not exist (emflow slurm-template prints one to start from)");
        }
        String text = org.emflow.compute.util.TextInput.read(file, "job template");
        String[] lines = text.split("\n", -1);
        boolean command = false;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = FIELD.matcher(lines[i]);
            while (m.find()) {
                if (!FIELDS.contains(m.group(1))) {
                    throw new BadInputException(file + ", line " + (i + 1) + ": unknown field {{" + m.group(1) + "}} (known: "
                            + String.join(", ", FIELDS) + ")");
                }
                command |= m.group(1).equals("command");
            }
        }
        if (!command) {
            throw new BadInputException(file + ": the template has no {{command}} line, so its jobs would run nothing");
        }
        return new JobScript(text, file.toString());
    }

    /** Where the template came from, for messages. */
    public String source() {
        return source;
    }

    /** The script with {@code values} (one per field; missing ones empty) filled in. */
    public String render(Map<String, String> values) {
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code s} as one shell word (single-quoted). */
    public static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
