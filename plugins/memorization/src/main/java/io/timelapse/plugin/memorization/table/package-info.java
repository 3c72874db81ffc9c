/** Score tables: per-row match counts with their header, on disk as npy + JSON (+ CSV), the resume log, and shard merging. */
package io.timelapse.plugin.memorization.table;
