package io.timelapse.api.shard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by a plugin command (a {@link io.timelapse.api.cli.PluginCommand}, or a subcommand class of
 * one, such as {@code openfold dataset build}) whose work splits into shards. The contract:
 *
 * <ul>
 *   <li>The command takes {@link #shardOption()} with a value {@code i/n} ({@link Shard#parse}) and then
 *       does shard {@code i} of {@code n} of its work only. The partition depends on nothing but the
 *       command's other options and {@code n}, so every machine splits the same way; {@link Shard}
 *       offers the usual one, contiguous blocks.</li>
 *   <li>Every shard of one job runs with the same options, except the shared ones ({@code --out},
 *       {@code --quiet}, {@code --log-level}, {@code --config}, {@code --plugins}), the shard option
 *       and {@link #optionsThatMayDiffer()}.</li>
 *   <li>{@link #mergeCommand} names the command that joins the shards' run directories into one run
 *       whose results are byte for byte those of one process run without the shard option.</li>
 * </ul>
 *
 * {@code timelapse cluster} calls these methods on an instance whose options are parsed from the
 * job's command line.
 */
@ConsumerType
public interface Shardable {

    /** The option that takes {@code i/n}, by its longest name. */
    default String shardOption() {
        return "--shard";
    }

    /**
     * Options, by their longest names, whose values may differ between the shards of one job because
     * they do not change any result (none by default).
     */
    default Set<String> optionsThatMayDiffer() {
        return Set.of();
    }

    /**
     * The command line, without {@code timelapse} and without {@code --out}, that merges the runs of
     * shards {@code 0..n-1}, such as {@code memorization merge DIR0 DIR1 ...}. The caller adds
     * {@code --out} and has checked that every shard's run succeeded with the same options.
     *
     * @param shardRuns the run directories of the shards, in shard order
     */
    List<String> mergeCommand(List<Path> shardRuns);

    /** {@code command} followed by the shards' run directories: the usual {@link #mergeCommand}. */
    static List<String> mergeLine(List<String> command, List<Path> shardRuns) {
        List<String> line = new ArrayList<>(command);
        shardRuns.forEach(run -> line.add(run.toString()));
        return line;
    }
}
