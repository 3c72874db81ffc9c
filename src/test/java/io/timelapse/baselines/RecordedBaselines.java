package io.timelapse.baselines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The released API baselines under {@code platform/baseline} and the SHA-256 of each file as it was
 * recorded ({@code SHA256SUMS}, in {@code sha256sum} format). A release never changes, so every
 * difference is a problem, reported in one line naming the file.
 */
final class RecordedBaselines {

    static final String CHECKSUMS = "SHA256SUMS";
    private static final String REPOSITORY = "repository/";
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](" + REPOSITORY + "\\S+)");

    private final Path dir;
    private final Map<String, String> recorded = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private RecordedBaselines(Path dir) {
        this.dir = dir;
    }

    static RecordedBaselines read(Path dir) throws IOException {
        RecordedBaselines baselines = new RecordedBaselines(dir);
        List<String> lines = Files.readAllLines(dir.resolve(CHECKSUMS));
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (m.matches()) {
                baselines.recorded.put(m.group(2), m.group(1));
            } else {
                baselines.problems.add(dir.resolve(CHECKSUMS) + " line " + (i + 1)
                        + ": expected a SHA-256 in hex, two spaces and a path under " + REPOSITORY);
            }
        }
        return baselines;
    }

    /** Recorded files that changed or went missing, files nobody recorded, and unreadable checksum lines. */
    List<String> problems() throws IOException {
        List<String> result = new ArrayList<>(problems);
        recorded.forEach((file, sha256) -> {
            Path path = dir.resolve(file);
            if (!Files.isRegularFile(path)) {
                result.add(path + " is recorded in " + CHECKSUMS + " but missing");
            } else if (!sha256(path).equals(sha256)) {
                result.add(path + " differs from the release recorded in " + CHECKSUMS
                        + ": a released baseline never changes; raise the package version instead");
            }
        });
        try (Stream<Path> files = Files.walk(dir.resolve(REPOSITORY))) {
            files.filter(Files::isRegularFile)
                    .filter(path -> !recorded.containsKey(dir.relativize(path).toString().replace('\\', '/')))
                    .forEach(path -> result.add(path + " is not in " + CHECKSUMS
                            + ": record a released version with platform/baseline/record.sh"));
        }
        return result;
    }

    /**
     * Copies in a local Maven repository that differ from the recorded release. Maven never fetches a
     * release again once it holds one, so the baseline check would compare with such a copy.
     */
    List<String> staleCopies(Path localRepository) {
        List<String> result = new ArrayList<>();
        recorded.forEach((file, sha256) -> {
            Path copy = localRepository.resolve(file.substring(REPOSITORY.length()));
            if (Files.isRegularFile(copy) && !sha256(copy).equals(sha256)) {
                result.add(copy + " is not the released baseline recorded in " + dir.resolve(CHECKSUMS)
                        + ": delete it (or, offline, copy " + dir.resolve(file) + " over it) and build again");
            }
        });
        return result;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
