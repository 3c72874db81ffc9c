package io.timelapse.lib.plot;

/** How an axis maps values to positions. */
public enum Scale {
    /** Evenly spaced values. */
    LINEAR,
    /** Evenly spaced powers of ten, ticked at whole decades; values that are not positive are left out. */
    LOG
}
