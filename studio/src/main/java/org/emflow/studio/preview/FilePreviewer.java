package org.emflow.studio.preview;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.emflow.ports.FilePortObject;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.PortObject;

/** A file reference: pictures are shown as they are, text files by their first lines, anything else by name and size. */
public final class FilePreviewer implements PortPreviewer {
    private static final Set<String> IMAGES = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp");
    private static final Set<String> TEXT = Set.of("txt", "log", "star", "csv", "tsv", "ini", "json", "md");
    static final int MAX_TEXT = 64 * 1024;

    @Override
    public String portTypeId() {
        return PortTypes.FILE.id();
    }

    @Override
    public Preview preview(PortObject object, PreviewContext context) throws IOException {
        Path file = ((FilePortObject) object).file();
        String name = file.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("size", Files.exists(file) ? Files.size(file) : -1);
        String url = context.fileUrl(file);
        d.put("url", url);
        if (url != null && IMAGES.contains(ext)) {
            return new Preview("image", d, Map.of());
        }
        if (url != null && TEXT.contains(ext) && Files.isRegularFile(file)) {
            byte[] b;
            try (var in = Files.newInputStream(file)) {
                b = in.readNBytes(MAX_TEXT);
            }
            d.put("text", new String(b, StandardCharsets.UTF_8));
            d.put("truncated", Files.size(file) > MAX_TEXT);
            return new Preview("text", d, Map.of());
        }
        d.put("text", object.summary());
        return new Preview("summary", d, Map.of());
    }
}
