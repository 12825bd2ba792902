package org.emflow.studio.preview;

import java.nio.file.Path;

/** What a previewer may ask the server: the URL of a file inside the workspace, if it lies inside. */
public interface PreviewContext {
    /** The URL under which the page can load {@code file}, or null when the file lies outside the workspace. */
    String fileUrl(Path file);
}
