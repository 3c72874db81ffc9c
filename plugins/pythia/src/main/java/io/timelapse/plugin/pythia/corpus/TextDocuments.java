package io.timelapse.plugin.pythia.corpus;

import io.timelapse.lib.tokenizer.ByteLevelBpeTokenizer;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.lib.tokenizer.Utf8Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A corpus of UTF-8 text files, one document each: the files given, and every file below the directories given (in
 * path order), with {@code .gz} files decompressed. Tokenized as {@code preprocess_data.py} does it: a document that
 * encodes to no tokens is left out, and {@code --append-eod} ends every other one with EOD.
 */
public final class TextDocuments {

    private TextDocuments() {}

    /**
     * The documents' files, in the order given, each directory's files sorted by path; below a directory only the files
     * whose names match one of {@code include} (globs such as {@code *.rst.gz}), all of them when it is empty.
     */
    public static List<Path> files(List<Path> inputs, List<String> include) throws IOException {
        List<PathMatcher> matchers = include.stream().map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> matchers.isEmpty() || matchers.stream().anyMatch(m -> m.matches(f.getFileName())))
                            .sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IOException(input + ": no such file or directory");
            }
        }
        if (files.isEmpty()) {
            throw new IOException(inputs + ": no files");
        }
        return files;
    }

    /** The text of {@code file}, decompressed when its name ends with {@code .gz}. */
    public static String read(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Utf8Text.read(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return Utf8Text.decode(in.readAllBytes(), file.toString());
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": not a gzip file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Every file's GPT-NeoX token ids (EOD appended when asked), in file order, documents without tokens as empty
     * arrays; files are read and encoded in parallel.
     */
    public static long[][] tokenize(List<Path> files, boolean appendEod, Runnable fileDone) throws IOException {
        ByteLevelBpeTokenizer tokenizer = GptNeoXTokenizer.load();
        long[][] documents = new long[files.size()][];
        try {
            IntStream.range(0, files.size()).parallel().forEach(i -> {
                try {
                    int[] ids = tokenizer.encode(read(files.get(i)));
                    long[] tokens = ids.length == 0 ? new long[0] : new long[ids.length + (appendEod ? 1 : 0)];
                    for (int t = 0; t < ids.length; t++) {
                        tokens[t] = ids[t];
                    }
                    if (ids.length > 0 && appendEod) {
                        tokens[ids.length] = GptNeoXTokenizer.EOD_ID;
                    }
                    documents[i] = tokens;
                    fileDone.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return documents;
    }

    /** The documents that have tokens, as items of a Megatron dataset. */
    public static List<long[]> items(long[][] documents) {
        return Arrays.stream(documents).filter(d -> d.length > 0).toList();
    }
}
