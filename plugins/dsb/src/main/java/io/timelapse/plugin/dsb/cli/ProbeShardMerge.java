package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.shard.Shard;
import io.timelapse.plugin.dsb.probing.ProbeTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Joins the probe tables of all shards of one {@code dsb probe} job into the table one process would have written. */
final class ProbeShardMerge {

    private ProbeShardMerge() {}

    /**
     * Checks that the shards ran with the same options on the same checkpoints, that every shard {@code 0..n-1} is there
     * once and that each holds exactly its block of steps, and returns their rows as one table.
     *
     * @param runs the shards' run directories, in any order
     * @param shards their records, in the order of {@code runs}
     * @throws IllegalArgumentException naming the shard that does not fit
     * @throws IOException naming a {@link ProbeTable#JSON_LINES} that cannot be read
     */
    static ProbeTable merge(List<Path> runs, List<ProbeShard> shards) throws IOException {
        ProbeShard first = shards.get(0);
        int count = first.shard().count();
        Path[] byShard = new Path[count];
        for (int i = 0; i < shards.size(); i++) {
            ProbeShard shard = shards.get(i);
            String conflict = conflict(first, shard);
            if (conflict != null) {
                throw new IllegalArgumentException(runs.get(i) + " cannot be merged with " + runs.get(0) + ": " + conflict);
            }
            int index = shard.shard().index();
            if (byShard[index] != null) {
                throw new IllegalArgumentException("shard " + shard.shard() + " given twice: " + byShard[index] + " and " + runs.get(i));
            }
            byShard[index] = runs.get(i);
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (byShard[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing " + (missing.size() == 1 ? "shard " : "shards ") + missing.toString().replaceAll("[\\[\\]]", "")
                + " of " + count + "; give the run directory of every shard");
        }
        ProbeTable merged = new ProbeTable(first.dataset(), first.net(), first.arch());
        for (int i = 0; i < count; i++) {
            ProbeTable shard = new ProbeTable(first.dataset(), first.net(), first.arch());
            shard.loadJsonLines(byShard[i].resolve(ProbeTable.JSON_LINES));
            List<Long> expected = first.block(new Shard(i, count));
            if (!new ArrayList<>(shard.rows().keySet()).equals(expected)) {
                throw new IllegalArgumentException(byShard[i] + ": shard " + i + "/" + count + " should hold steps " + expected + " but holds "
                    + shard.rows().keySet());
            }
            shard.rows().forEach(merged::put);
        }
        return merged;
    }

    /** Why {@code other} cannot be merged with {@code first}, or {@code null}. */
    private static String conflict(ProbeShard first, ProbeShard other) {
        if (other.shard().count() != first.shard().count()) {
            return "shard " + other.shard() + " is of another split than shard " + first.shard();
        }
        Set<String> keys = new LinkedHashSet<>(first.options().keySet());
        keys.addAll(other.options().keySet());
        List<String> differences = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(first.options().get(key), other.options().get(key))) {
                differences.add(key + " " + other.options().get(key) + " (there: " + first.options().get(key) + ")");
            }
        }
        if (!differences.isEmpty()) {
            return "run with other options: " + String.join(", ", differences);
        }
        if (!other.steps().equals(first.steps())) {
            return "the checkpoints differ: steps " + other.steps() + " (there: " + first.steps() + "); was the training still running?";
        }
        if (!other.title().equals(first.title()) || other.classes() != first.classes() || !other.net().equals(first.net())
            || !other.arch().equals(first.arch()) || !other.dataset().equals(first.dataset())) {
            return "another model";
        }
        return null;
    }
}
