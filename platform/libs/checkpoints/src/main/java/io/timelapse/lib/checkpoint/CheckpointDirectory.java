package io.timelapse.lib.checkpoint;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of checkpoints named {@code step-000001000.safetensors}. Only complete checkpoints
 * count: a file that is truncated, corrupt, or disagrees with its name is reported and skipped,
 * never used.
 */
public final class CheckpointDirectory {

    private static final System.Logger LOG = System.getLogger(CheckpointDirectory.class.getName());
    private static final Pattern NAME = Pattern.compile("step-(\\d{9,19})\\.safetensors");

    /** A complete checkpoint. */
    public record Entry(long step, Path path) {}

    /** A checkpoint-named file that is not a usable checkpoint, and why (the reason starts with the path). */
    public record Rejected(Path path, String reason) {}

    /** The outcome of looking through the directory. */
    public record Scan(List<Entry> complete, List<Rejected> rejected) {}

    private final Path dir;

    public CheckpointDirectory(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /** Where the checkpoint of {@code step} lives. */
    public Path pathFor(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("negative step " + step);
        }
        return dir.resolve(String.format("step-%09d.safetensors", step));
    }

    /** Writes {@code writer}'s checkpoint to {@link #pathFor(long)} its step, atomically. */
    public CheckpointMetadata write(CheckpointWriter writer) throws IOException {
        return writer.write(pathFor(writer.step()));
    }

    /**
     * Checks every checkpoint-named file's structure and metadata ({@code verifyData} also
     * recomputes each data checksum); rejected files are logged as warnings.
     */
    public Scan scan(boolean verifyData) throws IOException {
        List<Entry> complete = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (Entry candidate : candidates()) {
            Optional<String> problem = problem(candidate, verifyData);
            if (problem.isPresent()) {
                LOG.log(Level.WARNING, "skipping checkpoint {0}", problem.get());
                rejected.add(new Rejected(candidate.path(), problem.get()));
            } else {
                complete.add(candidate);
            }
        }
        return new Scan(complete, rejected);
    }

    /** Complete checkpoints (structure and metadata checked), oldest first. */
    public List<Entry> list() throws IOException {
        return scan(false).complete();
    }

    /**
     * The newest checkpoint that passes every check including the data checksum, trying newer
     * files first; rejected files are logged as warnings and skipped.
     */
    public Optional<Entry> latest() throws IOException {
        List<Entry> candidates = candidates();
        for (int i = candidates.size() - 1; i >= 0; i--) {
            Entry candidate = candidates.get(i);
            Optional<String> problem = problem(candidate, true);
            if (problem.isEmpty()) {
                return Optional.of(candidate);
            }
            LOG.log(Level.WARNING, "skipping checkpoint {0}", problem.get());
        }
        return Optional.empty();
    }

    /**
     * Deletes complete checkpoints that {@code policy} does not keep; the newest complete one is
     * always kept, and rejected files are left for inspection. Returns the deleted files.
     */
    public List<Path> prune(RetentionPolicy policy) throws IOException {
        List<Entry> complete = list();
        if (complete.isEmpty()) {
            return List.of();
        }
        List<Long> steps = new ArrayList<>();
        for (Entry entry : complete) {
            steps.add(entry.step());
        }
        Set<Long> kept = new HashSet<>(policy.retained(steps));
        kept.add(complete.get(complete.size() - 1).step());
        List<Path> deleted = new ArrayList<>();
        for (Entry entry : complete) {
            if (!kept.contains(entry.step())) {
                Files.deleteIfExists(entry.path());
                deleted.add(entry.path());
            }
        }
        return deleted;
    }

    /** Files whose name parses as a checkpoint name, by step. */
    private List<Entry> candidates() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches() && Files.isRegularFile(file)) {
                    try {
                        entries.add(new Entry(Long.parseLong(m.group(1)), file));
                    } catch (NumberFormatException e) {
                        LOG.log(Level.WARNING, "ignoring {0}: step number out of range", file);
                    }
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::step));
        return entries;
    }

    private static Optional<String> problem(Entry candidate, boolean verifyData) {
        try (Checkpoint checkpoint = Checkpoint.open(candidate.path())) {
            if (checkpoint.step() != candidate.step()) {
                return Optional.of(candidate.path() + ": metadata says step " + checkpoint.step() + " but the file name says " + candidate.step());
            }
            if (verifyData) {
                checkpoint.verifyData();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }
}
