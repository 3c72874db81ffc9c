/**
 * Sharding: how a command splits its work into {@code n} shards that run anywhere (as the tasks of a
 * Slurm array job, say) and how their results merge into exactly what one process would have
 * written. A command becomes shardable by implementing {@link io.timelapse.api.shard.Shardable};
 * {@code timelapse cluster} finds it through the command line and needs nothing else of the plugin.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.api.shard;
