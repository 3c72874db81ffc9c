/**
 * Figures in one house style fit for a paper, written as PNG (300 dpi) and SVG side by side:
 * {@link io.timelapse.lib.plot.LinePlot} for curves through checkpoints,
 * {@link io.timelapse.lib.plot.ScatterPlot} (with an optional {@code y = x} diagonal, for Q-Q plots)
 * and {@link io.timelapse.lib.plot.BarPlot}. Log axes are ticked and labelled at whole decades
 * (10¹², 10¹³) with minor ticks between them; colours are the colour-blind-safe Okabe–Ito palette.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.lib.plot;
