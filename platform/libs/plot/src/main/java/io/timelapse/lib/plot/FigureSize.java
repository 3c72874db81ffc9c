package io.timelapse.lib.plot;

/**
 * The printed size of a figure. Fonts, lines and markers are sized in points for these widths, so a
 * figure placed at its size in a paper reads like the text around it.
 */
public enum FigureSize {
    /** One column of a two-column paper: 3.5 × 2.625 inches. */
    COLUMN(3.5, 2.625),
    /** The full text width of a two-column paper: 7 × 3.5 inches. */
    WIDE(7.0, 3.5);

    /** The resolution of the PNG files, in dots per inch. */
    public static final int PNG_DPI = 300;

    private static final double POINTS_PER_INCH = 72;

    private final double widthInches;
    private final double heightInches;

    FigureSize(double widthInches, double heightInches) {
        this.widthInches = widthInches;
        this.heightInches = heightInches;
    }

    public double widthInches() {
        return widthInches;
    }

    public double heightInches() {
        return heightInches;
    }

    /** The width of the PNG file in pixels. */
    public int pngWidth() {
        return (int) Math.round(widthInches * PNG_DPI);
    }

    /** The height of the PNG file in pixels. */
    public int pngHeight() {
        return (int) Math.round(heightInches * PNG_DPI);
    }

    double widthPoints() {
        return widthInches * POINTS_PER_INCH;
    }

    double heightPoints() {
        return heightInches * POINTS_PER_INCH;
    }
}
