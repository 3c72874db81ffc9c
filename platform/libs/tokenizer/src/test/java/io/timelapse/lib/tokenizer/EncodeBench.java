package io.timelapse.lib.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Encode throughput of this tokenizer and of Hugging Face tokenizers (Rust, via DJL) on the same
 * documents, single-threaded. Not a test. Arguments: text files or directories (their *.txt files);
 * with none, generated mixed-script text is used.
 *
 * <pre>java -cp target/classes:target/test-classes:$(deps) io.timelapse.lib.tokenizer.EncodeBench /usr/share/vim/vim90/doc</pre>
 */
public final class EncodeBench {

    private static final int DOCUMENT_CHARS = 8192;

    private EncodeBench() {}

    public static void main(String[] args) throws IOException {
        String text = args.length == 0 ? generated(4_000_000) : readAll(args);
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < text.length(); i += DOCUMENT_CHARS) {
            int end = Math.min(text.length(), i + DOCUMENT_CHARS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            documents.add(text.substring(i, end));
            i = end - DOCUMENT_CHARS;
        }
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("%d documents, %.2f MB of UTF-8%n", documents.size(), bytes / 1e6);

        long t0 = System.nanoTime();
        ByteLevelBpeTokenizer tokenizer = GptNeoXTokenizer.load();
        System.out.printf("load bundled tokenizer.json: %.0f ms%n", (System.nanoTime() - t0) / 1e6);

        HuggingFaceTokenizer reference;
        try (InputStream in = GptNeoXTokenizer.class.getResourceAsStream(GptNeoXTokenizer.RESOURCE)) {
            reference = HuggingFaceTokenizer.newInstance(in,
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        }
        for (int round = 1; round <= 4; round++) {
            long tokens = 0;
            long start = System.nanoTime();
            for (String document : documents) {
                tokens += tokenizer.encode(document).length;
            }
            double javaSeconds = (System.nanoTime() - start) / 1e9;
            long referenceTokens = 0;
            start = System.nanoTime();
            for (String document : documents) {
                referenceTokens += reference.encode(document, false, false).getIds().length;
            }
            double rustSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: java %.1f MB/s (%d tokens), HF tokenizers via DJL %.1f MB/s (%d tokens)%n",
                    round, bytes / 1e6 / javaSeconds, tokens, bytes / 1e6 / rustSeconds, referenceTokens);
        }
        long start = System.nanoTime();
        int[] all = tokenizer.encode(text);
        System.out.printf("whole text as one string: java %.1f MB/s (%d tokens)%n",
                bytes / 1e6 / ((System.nanoTime() - start) / 1e9), all.length);
        start = System.nanoTime();
        String decoded = tokenizer.decode(all);
        System.out.printf("decode: %.1f MB/s, round trip %s%n", bytes / 1e6 / ((System.nanoTime() - start) / 1e9),
                decoded.equals(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC)) ? "exact" : "DIFFERS");
        reference.close();
    }

    private static String generated(int chars) {
        TextGenerator generator = new TextGenerator(1);
        StringBuilder text = new StringBuilder(chars + 1000);
        while (text.length() < chars) {
            text.append(generator.next()).append('\n');
        }
        return text.toString();
    }

    private static String readAll(String[] args) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String arg : args) {
            Path path = Path.of(arg);
            List<Path> files;
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
                }
            } else {
                files = List.of(path);
            }
            for (Path file : files) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }
}
