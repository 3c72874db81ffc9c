package io.timelapse.plugin.dsb.ngram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of a training run: the {@code step<N>/} model directories (each with a {@code config.json}) in one
 * folder, as {@code timelapse lm train} writes them and Pythia's revisions are named, in step order.
 */
public final class CheckpointSuite {

    private static final Pattern STEP = Pattern.compile("step(\\d+)");

    /** One checkpoint: its training step and model directory. */
    public record Checkpoint(long step, Path directory) {}

    private CheckpointSuite() {}

    /** Every checkpoint in {@code folder}; an {@link IOException} when there is none. */
    public static List<Checkpoint> scan(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": " + (Files.exists(folder) ? "not a directory" : "no such directory"));
        }
        List<Checkpoint> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                Matcher m = STEP.matcher(child.getFileName().toString());
                if (m.matches() && Files.isRegularFile(child.resolve("config.json"))) {
                    found.add(new Checkpoint(Long.parseLong(m.group(1)), child));
                }
            }
        }
        if (found.isEmpty()) {
            throw new IOException(folder + ": holds no checkpoint (no step<N>/ directory with a config.json)");
        }
        found.sort(Comparator.comparingLong(Checkpoint::step));
        return found;
    }

    /** The checkpoints at {@code steps}; an {@link IOException} naming the steps the suite lacks. */
    public static List<Checkpoint> select(List<Checkpoint> suite, Set<Long> steps) throws IOException {
        Set<Long> missing = new TreeSet<>(steps);
        List<Checkpoint> chosen = new ArrayList<>();
        for (Checkpoint c : suite) {
            if (steps.contains(c.step())) {
                chosen.add(c);
                missing.remove(c.step());
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("no checkpoint at step(s) " + missing + "; the suite has " + suite.stream().map(Checkpoint::step).toList());
        }
        return chosen;
    }
}
