package io.timelapse.lib.plot;

import io.timelapse.lib.files.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUnits;
import org.jfree.svg.ViewBox;

/**
 * Renders a figure at its printed size, as a PNG at {@link FigureSize#PNG_DPI} (with that resolution
 * recorded in the file) and as SVG in points, and writes both atomically.
 */
final class FigureFiles {

    private static final String PNG_METADATA = "javax_imageio_png_1.0";
    private static final double METRES_PER_INCH = 0.0254;

    static {
        // JFreeChart draws rotated text (the vertical axis label) as glyph outlines to work around a
        // long-fixed JDK bug (4312117); drawn as text, SVG keeps it as text. This copy of JFreeChart is
        // embedded in this bundle alone, so the switch changes no one else's drawing.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private FigureFiles() {}

    static PlotFiles write(JFreeChart chart, FigureSize size, Path directory, String name) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("figure name " + name + ": not a plain file name");
        }
        // Both drawings are made before either file is touched: a figure that cannot be drawn writes nothing.
        String svg = svg(chart, size, name);
        byte[] png = png(chart, size);
        PlotFiles files = new PlotFiles(directory.resolve(name + ".png"), directory.resolve(name + ".svg"));
        AtomicFiles.writeString(files.svg(), svg);
        AtomicFiles.writeBytes(files.png(), png);
        return files;
    }

    static String svg(JFreeChart chart, FigureSize size, String name) {
        double width = size.widthPoints();
        double height = size.heightPoints();
        SVGGraphics2D g2 = new SVGGraphics2D(width, height, SVGUnits.PT);
        // JFreeSVG prefixes its clip-path ids with System.nanoTime(); the figure's name keeps them apart in a page
        // that inlines several figures and makes the same figure the same file on every run.
        g2.setDefsKeyPrefix("_" + name.replaceAll("[^A-Za-z0-9_-]", "_") + "_");
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + g2.getSVGElement(null, true, new ViewBox(0, 0, (int) Math.ceil(width), (int) Math.ceil(height)), null, null) + "\n";
    }

    static byte[] png(JFreeChart chart, FigureSize size) throws IOException {
        BufferedImage image = new BufferedImage(size.pngWidth(), size.pngHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setColor(Color.WHITE);
            g2.fillRect(0, 0, image.getWidth(), image.getHeight());
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            double scale = (double) FigureSize.PNG_DPI / 72;
            g2.scale(scale, scale);
            chart.draw(g2, new Rectangle2D.Double(0, 0, size.widthPoints(), size.heightPoints()));
        } finally {
            g2.dispose();
        }
        return encode(image);
    }

    /** PNG bytes that record the resolution (pHYs), so the image is placed at its printed size. */
    private static byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            String pixelsPerMetre = Long.toString(Math.round(FigureSize.PNG_DPI / METRES_PER_INCH));
            IIOMetadataNode physical = new IIOMetadataNode("pHYs");
            physical.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
            physical.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
            physical.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
            root.appendChild(physical);
            metadata.mergeTree(PNG_METADATA, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }
}
