/** PNG charts for the prediction report, drawn headless with JFreeChart. */
package io.timelapse.plugin.memorization.chart;
