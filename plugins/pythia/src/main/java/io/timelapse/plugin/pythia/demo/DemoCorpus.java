package io.timelapse.plugin.pythia.demo;

import io.timelapse.lib.tokenizer.ByteLevelBpeTokenizer;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.tokens.megatron.MMapIndexedDatasetWriter;
import io.timelapse.lib.tokens.megatron.TokenType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small corpus bundled in the plugin for {@code pythia demo}: traditional proverbs, and short
 * notes (Aesop's fables retold, plain facts) written for Timelapse and dedicated to the public
 * domain. One document per line.
 */
public final class DemoCorpus {

    /** The bundled sources, in blend order. */
    public static final List<String> SOURCES = List.of("proverbs", "notes");

    /** One source: its name and its documents. */
    public record Source(String name, List<String> documents) {}

    private DemoCorpus() {}

    public static List<Source> load() throws IOException {
        List<Source> sources = new ArrayList<>();
        for (String name : SOURCES) {
            sources.add(new Source(name, read(name + ".txt")));
        }
        return sources;
    }

    private static List<String> read(String resource) throws IOException {
        List<String> documents = new ArrayList<>();
        try (InputStream in = DemoCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the plugin lacks its demo corpus resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    documents.add(line.strip());
                }
            }
        }
        return documents;
    }

    /**
     * Tokenizes every document, appends {@code <|endoftext|>} as gpt-neox's
     * {@code preprocess_data.py --append-eod} does, and writes {@code prefix.bin}/{@code prefix.idx}
     * as uint16, the type gpt-neox picks for a vocabulary below 65,500.
     */
    public static MMapIndexedDataset write(Source source, ByteLevelBpeTokenizer tokenizer, Path prefix) throws IOException {
        List<long[]> items = new ArrayList<>();
        for (String document : source.documents()) {
            int[] ids = tokenizer.encode(document);
            long[] item = new long[ids.length + 1];
            for (int i = 0; i < ids.length; i++) {
                item[i] = ids[i];
            }
            item[ids.length] = GptNeoXTokenizer.EOD_ID;
            items.add(item);
        }
        MMapIndexedDatasetWriter.write(prefix, TokenType.forVocabulary(tokenizer.vocabSize()), items);
        return MMapIndexedDataset.open(prefix);
    }
}
