/** Which training rows a scoring run covers: ranges, step ranges, seeded samples, and shards of them. */
package io.timelapse.plugin.memorization.selection;
