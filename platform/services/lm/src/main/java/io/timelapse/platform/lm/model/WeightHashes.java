package io.timelapse.platform.lm.model;

import io.timelapse.api.lm.WeightFile;
import io.timelapse.lib.files.ChecksumCache;
import io.timelapse.lib.files.Sha256;
import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.lib.safetensors.ShardedSafetensors;
import io.timelapse.lib.safetensors.TensorStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** sha256 of weight files (each read once however often it is asked for), and the training step a checkpoint directory's name gives. */
public final class WeightHashes {

    /** {@code step1000} (Hugging Face revisions), {@code step_1000}, {@code checkpoint-1000}, {@code global_step1000}, {@code iter_0001000}. */
    private static final Pattern STEP = Pattern.compile("(?:^|[^a-z])(?:step|checkpoint|iter)[_-]?(\\d+)$");

    private WeightHashes() {}

    /** The file's sha256, remembered in this process and across runs until the file changes. */
    public static WeightFile hash(Path file) throws IOException {
        Sha256.Digest digest = ChecksumCache.forUser().digest(file);
        return new WeightFile(file, digest.hex(), digest.bytes());
    }

    /** The files {@code store} was read from, each with its sha256. */
    public static List<WeightFile> hash(TensorStore store) throws IOException {
        List<Path> files;
        if (store instanceof SafetensorsFile file) {
            files = List.of(file.path());
        } else if (store instanceof ShardedSafetensors sharded) {
            files = sharded.shards().values().stream().map(SafetensorsFile::path).toList();
        } else {
            throw new IllegalStateException("unknown tensor store " + store.getClass().getName());
        }
        List<WeightFile> hashed = new ArrayList<>();
        for (Path file : files) {
            hashed.add(hash(file));
        }
        return hashed;
    }

    /** The step named by the model directory or one of its two parents, if any. */
    public static OptionalLong stepOf(Path modelDirectory) {
        Path at = modelDirectory.toAbsolutePath().normalize();
        for (int i = 0; i < 3 && at != null && at.getFileName() != null; i++, at = at.getParent()) {
            Matcher matcher = STEP.matcher(at.getFileName().toString().toLowerCase(java.util.Locale.ROOT));
            if (matcher.find()) {
                return OptionalLong.of(Long.parseLong(matcher.group(1)));
            }
        }
        return OptionalLong.empty();
    }

    /** One string for the content of all of a model's weight files, in the given order. */
    public static String fingerprint(List<WeightFile> files) {
        StringBuilder text = new StringBuilder();
        files.stream().map(WeightFile::sha256).sorted().forEach(hash -> text.append(hash).append(';'));
        return text.toString();
    }
}
