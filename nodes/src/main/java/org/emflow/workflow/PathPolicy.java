package org.emflow.workflow;

import java.nio.file.Path;

/**
 * Which files a workflow's nodes may name, checked by {@link WorkflowCompiler} before any node reads one. The
 * command line allows every path (the user's own files); the studio, which serves a page, allows only its
 * workspace and the folders the user named at start.
 */
@FunctionalInterface
public interface PathPolicy {
    /** Allows every path. */
    PathPolicy ANY = p -> null;

    /** Null when {@code path} (absolute, normalised) may be used, else why not (without the file's content). */
    String refusal(Path path);
}
