package io.timelapse.lib.plot;

import java.nio.file.Path;

/** The two files a figure was written to: the same drawing as a PNG image and as SVG. */
public record PlotFiles(Path png, Path svg) {}
