package io.timelapse.plugin.memorization.reproduce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Documents from BSD fortune(6) files, as Debian's {@code fortunes} package installs them
 * ({@code apt-get install -y fortunes} puts them in {@code /usr/share/games/fortunes}): each file
 * holds quotations separated by lines of a single {@code %}. For its demo the plugin embeds the
 * first 100 quotations of at least 350 characters of the package's {@code computers} file
 * (fortunes 1:1.99.1, BSD licence).
 */
public final class FortuneCorpus {

    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/games/fortunes");
    static final String EMBEDDED = "fortunes-slice.txt";

    private FortuneCorpus() {}

    /** The fortune files in {@code directory}, in name order; index ({@code .dat}) and other dotted files are skipped. */
    public static List<Path> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + ": " + (Files.exists(directory) ? "not a directory" : "no such directory")
                    + "; install the fortunes with 'apt-get install -y fortunes' or give the directory of fortune files");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().contains("."))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IOException(directory + ": no fortune files here (files without a '.' in their name, quotations separated by '%' lines)");
        }
        return files;
    }

    /** Every quotation of every file, in order. */
    public static List<String> read(List<Path> files) throws IOException {
        List<String> documents = new ArrayList<>();
        for (Path file : files) {
            try {
                documents.addAll(split(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
            } catch (AccessDeniedException e) {
                throw new IOException(file + ": permission denied", e);
            }
        }
        if (documents.isEmpty()) {
            throw new IOException(files.get(0).getParent() + ": no fortunes found (expected files of quotations separated by '%' lines)");
        }
        return documents;
    }

    /** The embedded slice. */
    public static List<String> embedded() throws IOException {
        try (InputStream in = FortuneCorpus.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new IOException("the plugin's embedded corpus " + EMBEDDED + " is missing");
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<String> split(String text) {
        List<String> documents = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.equals("%")) {
                add(documents, current);
            } else {
                current.append(line).append('\n');
            }
        }
        add(documents, current);
        return documents;
    }

    private static void add(List<String> documents, StringBuilder current) {
        String document = current.toString().strip();
        if (!document.isEmpty()) {
            documents.add(document);
        }
        current.setLength(0);
    }
}
