package org.emflow.compute.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.emflow.compute.io.AtomicFiles;

/**
 * A minimal x–y line chart rendered with Java2D (headless) to PNG: series, horizontal reference lines,
 * axes with ticks, title. Enough for FSC curves and weight profiles without a charting dependency.
 */
final class LinePlot {
    private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f) };
    private final String title, xLabel, yLabel;
    private final double xMin, xMax, yMin, yMax;
    private final List<double[][]> series = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<double[]> hlines = new ArrayList<>();
    private final List<String> hlineNames = new ArrayList<>();

    LinePlot(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
    }

    void series(String name, double[] x, double[] y) {
        series.add(new double[][] { x, y });
        names.add(name);
    }

    void hline(String name, double y) {
        hlines.add(new double[] { y });
        hlineNames.add(name);
    }

    void write(Path path, boolean overwrite) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 800, h = 500, left = 70, right = 20, top = 40, bottom = 55;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int pw = w - left - right, ph = h - top - bottom;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(left, top, pw, ph);
        for (int i = 0; i <= 5; i++) {
            double xv = xMin + (xMax - xMin) * i / 5, yv = yMin + (yMax - yMin) * i / 5;
            int px = left + pw * i / 5, py = top + ph - ph * i / 5;
            g.drawLine(px, top + ph, px, top + ph + 5);
            g.drawString(String.format(Locale.ROOT, "%.3g", xv), px - 15, top + ph + 20);
            g.drawLine(left - 5, py, left, py);
            g.drawString(String.format(Locale.ROOT, "%.2f", yv), left - 45, py + 4);
        }
        g.drawString(xLabel, left + pw / 2 - 60, h - 12);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(top + ph / 2 + 30), 18);
        g.rotate(Math.PI / 2);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 6f, 4f }, 0f));
        for (int i = 0; i < hlines.size(); i++) {
            double y = hlines.get(i)[0];
            int py = (int) Math.round(top + ph - ph * (y - yMin) / (yMax - yMin));
            g.setColor(Color.GRAY);
            g.drawLine(left, py, left + pw, py);
            g.drawString(hlineNames.get(i), left + pw - 60, py - 4);
        }
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.size(); s++) {
            double[] x = series.get(s)[0], y = series.get(s)[1];
            Path2D.Double path2 = new Path2D.Double();
            for (int i = 0; i < x.length; i++) {
                double px = left + pw * (x[i] - xMin) / (xMax - xMin);
                double py = top + ph - ph * (Math.max(yMin, Math.min(yMax, y[i])) - yMin) / (yMax - yMin);
                if (i == 0) {
                    path2.moveTo(px, py);
                } else {
                    path2.lineTo(px, py);
                }
            }
            g.setColor(PALETTE[s % PALETTE.length]);
            g.draw(path2);
            g.drawString(names.get(s), left + 10, top + 18 + 16 * s);
        }
        g.dispose();
        AtomicFiles.write(path, overwrite, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
