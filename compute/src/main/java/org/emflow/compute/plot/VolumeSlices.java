package org.emflow.compute.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.emflow.compute.image.Volume;

/**
 * The three central slices of a map through the origin voxel (nx/2, ny/2, nz/2; see the geometry
 * conventions), drawn as IMOD and ChimeraX show them: first axis to the right, second axis up (so
 * picture row 0 is the last index of the second axis).
 *
 * @param width  picture width (the first axis)
 * @param height picture height (the second axis)
 * @param values row 0 = top of the picture
 */
public record VolumeSlices(int width, int height, float[] values) {

    /** XY plane at {@code z}: x to the right, y up. */
    public static VolumeSlices xy(Volume v, int z) {
        int nx = v.nx();
        int ny = v.ny();
        float[] out = new float[nx * ny];
        float[] d = v.data();
        for (int y = 0; y < ny; y++) {
            System.arraycopy(d, (z * ny + y) * nx, out, (ny - 1 - y) * nx, nx);
        }
        return new VolumeSlices(nx, ny, out);
    }

    /** XZ plane at {@code y}: x to the right, z up. */
    public static VolumeSlices xz(Volume v, int y) {
        int nx = v.nx();
        int ny = v.ny();
        int nz = v.nz();
        float[] out = new float[nx * nz];
        float[] d = v.data();
        for (int z = 0; z < nz; z++) {
            System.arraycopy(d, (z * ny + y) * nx, out, (nz - 1 - z) * nx, nx);
        }
        return new VolumeSlices(nx, nz, out);
    }

    /** YZ plane at {@code x}: y to the right, z up. */
    public static VolumeSlices yz(Volume v, int x) {
        int nx = v.nx();
        int ny = v.ny();
        int nz = v.nz();
        float[] out = new float[ny * nz];
        float[] d = v.data();
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                out[(nz - 1 - z) * ny + y] = d[(z * ny + y) * nx + x];
            }
        }
        return new VolumeSlices(ny, nz, out);
    }

    /**
     * Writes the XY, XZ and YZ central slices side by side, each enlarged to at least 192 pixels, with
     * their names: what a person checks first after a reconstruction.
     */
    public static void writePng(Path file, Volume v, boolean overwrite) throws IOException {
        VolumeSlices[] s = {xy(v, v.nz() / 2), xz(v, v.ny() / 2), yz(v, v.nx() / 2)};
        String[] names = {"XY (z = " + v.nz() / 2 + ")", "XZ (y = " + v.ny() / 2 + ")", "YZ (x = " + v.nx() / 2 + ")"};
        int zoom = Math.max(1, (int) Math.ceil(192.0 / Math.max(v.nx(), Math.max(v.ny(), v.nz()))));
        int gap = 12;
        int caption = 22;
        int w = gap;
        int h = 0;
        for (VolumeSlices p : s) {
            w += p.width * zoom + gap;
            h = Math.max(h, p.height * zoom);
        }
        BufferedImage out = new BufferedImage(w, h + caption + 2 * gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = gap;
        for (int i = 0; i < s.length; i++) {
            BufferedImage grey = GreyImages.grey(s[i].values, s[i].width, s[i].height, 0.005);
            g.drawImage(grey, x, gap, s[i].width * zoom, s[i].height * zoom, null);
            g.setColor(Color.DARK_GRAY);
            g.drawString(names[i], x, gap + h + caption - 4);
            x += s[i].width * zoom + gap;
        }
        g.dispose();
        GreyImages.writePng(file, out, overwrite);
    }
}
