package io.timelapse.platform.lm.model;

import io.timelapse.api.lm.WeightFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** sha256 of weight files, and the training step a checkpoint directory's name gives. */
public final class WeightHashes {

    /** {@code step1000} (Hugging Face revisions), {@code step_1000}, {@code checkpoint-1000}, {@code global_step1000}, {@code iter_0001000}. */
    private static final Pattern STEP = Pattern.compile("(?:^|[^a-z])(?:step|checkpoint|iter)[_-]?(\\d+)$");

    private WeightHashes() {}

    public static WeightFile hash(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 20];
        long bytes = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                bytes += n;
            }
        }
        return new WeightFile(file, HexFormat.of().formatHex(digest.digest()), bytes);
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
