package org.emflow.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder the studio was started in, and the only place its endpoints read or write. Every path
 * from the page goes through {@link #resolve}: relative to the root, no {@code ..} segment, no
 * absolute path, no drive or backslash trick, no hidden file or folder ({@code .git}, {@code .ssh}),
 * and no symbolic link that leads outside. Node settings may also name files in the folders the user
 * allowed at start ({@code --allow DIR}); {@link #refusal} is the policy the studio's compiler applies.
 */
public final class Workspace {
    private final Path root;
    private final List<Path> allowed;

    public Workspace(Path root) throws IOException {
        this(root, List.of());
    }

    /** @param allowed further folders that node settings may name (read-only data such as ../shared/data) */
    public Workspace(Path root, List<Path> allowed) throws IOException {
        this.root = root.toAbsolutePath().normalize().toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new IOException(root + " is not a folder");
        }
        List<Path> a = new ArrayList<>();
        for (Path p : allowed) {
            Path real = p.toAbsolutePath().normalize().toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IOException(p + " is not a folder");
            }
            a.add(real);
        }
        this.allowed = List.copyOf(a);
    }

    public Path root() {
        return root;
    }

    /** The workspace folder's name, which the page shows (not where it lies). */
    public String name() {
        return root.getFileName() == null ? "/" : root.getFileName().toString();
    }

    /** The folders allowed besides the workspace, as real paths. */
    public List<Path> allowed() {
        return allowed;
    }

    /**
     * Null when a node setting may name {@code path}: inside the workspace (no hidden part) or inside an allowed
     * folder, after following links; else why not, naming the path but nothing of its content.
     */
    public String refusal(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path real;
        try {
            real = realPathOfExistingPart(abs);
        } catch (IOException e) {
            return abs + " cannot be resolved";
        }
        if (real.startsWith(root)) {
            for (Path part : root.relativize(real)) {
                if (part.toString().startsWith(".")) {
                    return "hidden files and folders (" + part + ") are not used by the studio";
                }
            }
            return null;
        }
        for (Path a : allowed) {
            if (real.startsWith(a)) {
                return null;
            }
        }
        return scrub(abs.toString()) + " lies outside the workspace and the folders allowed at start "
                + "(emflow studio --allow DIR)";
    }

    /** The real path of {@code abs}: its deepest existing ancestor with links followed, plus the parts that do not exist yet. */
    private static Path realPathOfExistingPart(Path abs) throws IOException {
        Path existing = abs;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    }

    /** {@code message} with the workspace's absolute path replaced by workspace-relative names. */
    public String scrub(String message) {
        if (message == null) {
            return null;
        }
        String r = root.toString();
        return message.replace(r + "/", "").replace(r, ".");
    }

    /** Thrown for a path that would leave the workspace; the server answers 403. */
    public static final class OutsideException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutsideException(String path, String why) {
            super("path '" + path + "' is refused: " + why + " (the studio only reads and writes inside its workspace)");
        }
    }

    /**
     * The absolute path of {@code relative} inside the workspace.
     *
     * @throws OutsideException for absolute paths, {@code ..} segments, or links leading outside
     */
    public Path resolve(String relative) {
        if (relative == null) {
            throw new OutsideException("null", "no path given");
        }
        String r = relative.strip();
        if (r.isEmpty() || r.equals(".")) {
            return root;
        }
        if (r.indexOf('\0') >= 0) {
            throw new OutsideException(relative, "contains a NUL character");
        }
        if (r.startsWith("/") || r.startsWith("\\") || r.startsWith("~") || r.matches("^[A-Za-z]:.*") || r.contains("\\")) {
            throw new OutsideException(relative, "absolute paths are not allowed; give a path relative to the workspace");
        }
        for (String part : r.split("/")) {
            if (part.equals("..")) {
                throw new OutsideException(relative, "'..' is not allowed");
            }
            if (part.startsWith(".") && !part.equals(".")) {
                throw new OutsideException(relative, "hidden files and folders (" + part + ") are not served");
            }
        }
        Path p = root.resolve(r).normalize();
        if (!p.startsWith(root)) {
            throw new OutsideException(relative, "it lies outside the workspace");
        }
        // A symbolic link inside the workspace may point outside: check the real path of the
        // deepest part that exists.
        try {
            Path real = realPathOfExistingPart(p);
            if (!real.startsWith(root)) {
                throw new OutsideException(relative, "a link leads outside the workspace");
            }
            for (Path part : root.relativize(real)) {
                if (part.toString().startsWith(".")) {
                    throw new OutsideException(relative, "a link leads to a hidden file or folder");
                }
            }
        } catch (IOException e) {
            throw new OutsideException(relative, "it cannot be resolved");
        }
        return p;
    }

    /** The workspace-relative form of an absolute path inside it, with '/' separators. */
    public String relativize(Path absolute) {
        Path p = absolute.toAbsolutePath().normalize();
        if (!p.startsWith(root)) {
            throw new OutsideException(absolute.toString(), "it lies outside the workspace");
        }
        return root.relativize(p).toString().replace('\\', '/');
    }

    /** One entry of a folder listing. */
    public record Entry(String name, String path, boolean directory, long size) {
    }

    /** The entries of a folder inside the workspace: folders first, then files, each by name; hidden files left out. */
    public List<Entry> list(String relativeDir) throws IOException {
        Path dir = resolve(relativeDir);
        if (!Files.isDirectory(dir)) {
            throw new OutsideException(relativeDir, "it is not a folder");
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                boolean d = Files.isDirectory(p);
                out.add(new Entry(name, relativize(p), d, d ? 0 : Files.size(p)));
            }
        }
        out.sort(Comparator.comparing((Entry e) -> !e.directory()).thenComparing(Entry::name));
        return out;
    }
}
