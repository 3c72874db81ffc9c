package io.timelapse.plugin.dsb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PixelsTest {

    /** Two 2x4 grayscale images: 0, 51, 102, 153 / 204, 255, 0, 255 and the same plus one (mod 256). */
    private static final ImageArray IMAGES = new ImageArray(2, 1, 2, 4, new byte[] {
        0, 51, 102, (byte) 153, (byte) 204, (byte) 255, 0, (byte) 255,
        1, 52, 103, (byte) 154, (byte) 205, 0, 1, 0});

    @Test
    void dividesBy255RowMajor() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1, 0, 1}, Pixels.unit(IMAGES, 0), 0);
        assertEquals(1 / 255.0, Pixels.unit(IMAGES, 1)[0], 0);
    }

    @Test
    void poolsTwoByTwoAfterDividing() {
        double[][] rows = Pixels.rows(IMAGES, 2, false);
        assertArrayEquals(new double[] {(0 + 0.2 + 0.8 + 1) / 4, (0.4 + 0.6 + 0 + 1) / 4}, rows[0], 1e-15);
        assertArrayEquals(new double[] {(1 + 52 + 205 + 0) / 1020.0, (103 + 154 + 1 + 0) / 1020.0}, rows[1], 1e-15);
    }

    @Test
    void poolsEachChannelSeparately() {
        double[] twoChannels = {1, 2, 3, 4, 10, 20, 30, 40};
        assertArrayEquals(new double[] {2.5, 25}, Pixels.averagePool(twoChannels, 2, 2, 2, 2), 0);
    }

    @Test
    void replicatesGrayToThreeChannels() {
        double[] rgb = Pixels.row(IMAGES, 0, 1, true);
        double[] gray = Pixels.unit(IMAGES, 0);
        assertEquals(24, rgb.length);
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 8; p++) {
                assertEquals(gray[p], rgb[c * 8 + p], 0);
            }
        }
        double[] pooled = Pixels.row(IMAGES, 0, 2, true);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, pooled, 1e-15);
    }

    @Test
    void aFactorThatDoesNotDivideIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pixels.rows(IMAGES, 3, false));
        assertEquals("cannot pool 2x4 images by 3: the factor must divide both sides", e.getMessage());
    }

    @Test
    void colourImagesAreNotReplicated() {
        ImageArray colour = new ImageArray(1, 3, 1, 1, new byte[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pixels.rows(colour, 1, true));
        assertEquals("RGB replication needs grayscale images, not 3 channels", e.getMessage());
    }
}
