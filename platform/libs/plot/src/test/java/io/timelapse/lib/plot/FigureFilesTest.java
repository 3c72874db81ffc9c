package io.timelapse.lib.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class FigureFilesTest {

    @TempDir
    Path dir;

    private static LinePlot plot(double last) {
        return LinePlot.of("A figure").xAxis("step", Scale.LINEAR).yAxis("loss", Scale.LINEAR)
                .series("loss", new double[] {1, 2, 3}, new double[] {3, 2, last});
    }

    @Test
    void aColumnFigureIsAThreeHundredDpiPngOfThreeAndAHalfInches() throws IOException {
        PlotFiles files = plot(1).write(dir, "column");

        BufferedImage image = ImageIO.read(files.png().toFile());
        assertEquals(1050, image.getWidth());
        assertEquals(788, image.getHeight());
        assertEquals(11811, pixelsPerMetre(files.png()));
        Element svg = SvgDocument.parse(files.svg()).root();
        assertEquals("252.0pt", svg.getAttribute("width"));
        assertEquals("189.0pt", svg.getAttribute("height"));
    }

    @Test
    void aWideFigureIsSevenInches() throws IOException {
        PlotFiles files = plot(1).size(FigureSize.WIDE).write(dir, "wide");

        BufferedImage image = ImageIO.read(files.png().toFile());
        assertEquals(FigureSize.WIDE.pngWidth(), image.getWidth());
        assertEquals(2100, image.getWidth());
        assertEquals(1050, image.getHeight());
        assertEquals("504.0pt", SvgDocument.parse(files.svg()).root().getAttribute("width"));
    }

    @Test
    void theSameFigureIsTheSameBytesOnEveryWrite() throws IOException {
        PlotFiles first = plot(1).write(Files.createDirectories(dir.resolve("a")), "same");
        PlotFiles second = plot(1).write(Files.createDirectories(dir.resolve("b")), "same");
        assertArrayEquals(Files.readAllBytes(first.svg()), Files.readAllBytes(second.svg()));
        assertArrayEquals(Files.readAllBytes(first.png()), Files.readAllBytes(second.png()));
        assertTrue(Files.readString(first.svg()).contains("id='_same_clip-0'"), Files.readString(first.svg()));
    }

    @Test
    void rewritingReplacesBothFilesAndLeavesNoTemporaryFile() throws IOException {
        plot(1).write(dir, "figure");
        byte[] firstSvg = Files.readAllBytes(dir.resolve("figure.svg"));
        PlotFiles files = plot(2).write(dir, "figure");

        assertEquals(List.of("figure.png", "figure.svg"), names(dir));
        assertTrue(!java.util.Arrays.equals(firstSvg, Files.readAllBytes(files.svg())), "the SVG was replaced");
        SvgDocument.parse(files.svg());
        assertEquals(1050, ImageIO.read(files.png().toFile()).getWidth());
    }

    @Test
    void aFailedWriteLeavesTheEarlierFilesWhole() throws IOException {
        PlotFiles earlier = plot(1).write(dir, "figure");
        byte[] png = Files.readAllBytes(earlier.png());
        Files.delete(earlier.svg());
        Files.createDirectories(earlier.svg().resolve("blocker"));

        assertThrows(IOException.class, () -> plot(2).write(dir, "figure"));

        assertArrayEquals(png, Files.readAllBytes(earlier.png()));
        assertEquals(List.of("figure.png", "figure.svg"), names(dir));
        assertTrue(Files.isDirectory(earlier.svg()));
    }

    @Test
    void aFigureThatCannotBeDrawnWritesNothing() throws IOException {
        ScatterPlot mixed = ScatterPlot.of("").xAxis("expected", Scale.LOG).yAxis("observed", Scale.LINEAR)
                .series("rows", new double[] {1, 2}, new double[] {1, 2}).diagonal();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mixed.write(dir, "qq"));

        assertEquals("a diagonal needs both axes on one scale; x is LOG, y is LINEAR", e.getMessage());
        assertEquals(List.of(), names(dir));
    }

    @Test
    void aNameThatIsNotAPlainFileNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plot(1).write(dir, "../escape"));
        assertEquals("figure name ../escape: not a plain file name", e.getMessage());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int pixelsPerMetre(Path png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree("javax_imageio_png_1.0");
            for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeName().equals("pHYs")) {
                    Element phys = (Element) child;
                    assertEquals("meter", phys.getAttribute("unitSpecifier"));
                    return Integer.parseInt(phys.getAttribute("pixelsPerUnitXAxis"));
                }
            }
            throw new AssertionError(png + " records no resolution (pHYs)");
        }
    }
}
