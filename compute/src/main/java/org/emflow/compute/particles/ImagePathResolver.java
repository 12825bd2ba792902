package org.emflow.compute.particles;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.emflow.compute.util.BadInputException;

/**
 * Finds the image stacks a particle table names. Following tomoDRGN (specs/tomodrgn-backproject.md
 * section 2.3), four patterns are tried in order and the first under which <em>every</em> stack exists
 * wins:
 * <ol>
 * <li>the path as written, relative to the star file's folder (not the working directory, unlike the
 *     original; absolute paths stay as they are);</li>
 * <li>{@code datadir/<file name>};</li>
 * <li>{@code datadir/<path as written>};</li>
 * <li>when every path has a folder: {@code datadir/<last folder>/<file name>} (the WarpTools layout).</li>
 * </ol>
 * {@code datadir} is {@code --datadir}, or the star file's folder. When no pattern finds every stack,
 * one error lists every missing file (under the pattern that found the most).
 */
public final class ImagePathResolver {
    private static final int MAX_LISTED = 1000;

    private ImagePathResolver() {
    }

    /**
     * Resolves the distinct paths {@code written} (as they appear in {@code star}).
     *
     * @return written path to existing file, for every entry
     */
    public static Map<String, Path> resolve(List<String> written, Path star, Path dataDir) {
        Path starDir = star.toAbsolutePath().getParent();
        Path dir = dataDir == null ? starDir : dataDir.toAbsolutePath();
        boolean allHaveFolder = written.stream().allMatch(p -> p.replace('\\', '/').contains("/"));
        List<Function<String, Path>> patterns = new ArrayList<>();
        patterns.add(p -> starDir.resolve(p));
        patterns.add(p -> dir.resolve(fileName(p)));
        patterns.add(p -> dir.resolve(p));
        if (allHaveFolder) {
            patterns.add(p -> {
                String[] parts = p.replace('\\', '/').split("/");
                return dir.resolve(parts[parts.length - 2]).resolve(parts[parts.length - 1]);
            });
        }
        List<Path> bestMissing = null;
        for (Function<String, Path> pattern : patterns) {
            Map<String, Path> out = new LinkedHashMap<>();
            List<Path> missing = new ArrayList<>();
            for (String w : written) {
                Path p;
                try {
                    p = pattern.apply(w).normalize();
                } catch (InvalidPathException e) {
                    throw new BadInputException(star + ": invalid image path '" + w + "'");
                }
                out.put(w, p);
                if (!Files.isRegularFile(p)) {
                    missing.add(p);
                }
            }
            if (missing.isEmpty()) {
                return out;
            }
            if (bestMissing == null || missing.size() < bestMissing.size()) {
                bestMissing = missing;
            }
        }
        StringBuilder msg = new StringBuilder(star + ": " + bestMissing.size() + " of " + written.size()
                + " image stacks not found (looked relative to " + starDir + (dataDir == null ? "" : " and in setting 'datadir' " + dir)
                + "; set setting 'datadir' to point elsewhere):");
        for (int i = 0; i < Math.min(MAX_LISTED, bestMissing.size()); i++) {
            msg.append("\n  ").append(bestMissing.get(i));
        }
        if (bestMissing.size() > MAX_LISTED) {
            msg.append("\n  ... and ").append(bestMissing.size() - MAX_LISTED).append(" more");
        }
        throw new BadInputException(msg.toString());
    }

    private static String fileName(String p) {
        String s = p.replace('\\', '/');
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
