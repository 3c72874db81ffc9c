package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.tokens.megatron.MMapIndexedDatasetWriter;
import io.timelapse.lib.tokens.megatron.TokenType;
import io.timelapse.plugin.pythia.corpus.TextDocuments;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia preprocess --input PATH... --output-prefix PREFIX [--append-eod]}: a text corpus as a Megatron dataset. */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
        description = {"Tokenize a corpus of text files with the GPT-NeoX-20B tokenizer into a Megatron dataset, one item per document, as"
                + " gpt-neox's tools/datasets/preprocess_data.py does for the text field: PREFIX_text_document.bin and .idx, uint16.",
                "Every file given, and every file below a directory given (in path order), is one document; a file ending in .gz is"
                        + " decompressed; a document without tokens is left out. run.json goes to --out, or to the default run directory."})
final class PreprocessCommand implements PluginCommand {

    /** The name gpt-neox gives a dataset built from the {@code text} field of its input. */
    static final String TEXT_DOCUMENT = "_text_document";

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "UTF-8 text files, or directories of them, each file one document.")
    List<Path> inputs;

    @Option(names = "--output-prefix", required = true, paramLabel = "PREFIX",
            description = "Where the dataset goes: PREFIX_text_document.bin and PREFIX_text_document.idx.")
    Path outputPrefix;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Below a directory, read only the files whose names match GLOB (such as *.rst.gz); repeatable (default: every file).")
    List<String> include = List.of();

    @Option(names = "--append-eod", description = "End every document with the end-of-document id 0, as Pythia's data was built.")
    boolean appendEod;

    @Inject
    PreprocessCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        List<Path> files;
        try {
            files = TextDocuments.files(inputs, include);
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--input " + inputs + " --include " + include + ": " + e.getMessage(), e);
        }
        Path parent = outputPrefix.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ParameterException(spec.commandLine(), "--output-prefix " + outputPrefix + ": its directory does not exist");
        }
        Path prefix = Path.of(outputPrefix + TEXT_DOCUMENT);
        try (Run run = runs.start(spec, common)) {
            for (Path file : files) {
                run.input(file);
            }
            long[][] documents;
            try (Progress progress = run.progress("tokenize", files.size())) {
                documents = TextDocuments.tokenize(files, appendEod, () -> {
                    synchronized (progress) {
                        progress.step();
                    }
                });
            }
            List<long[]> items = TextDocuments.items(documents);
            if (items.isEmpty()) {
                throw new IOException("--input " + inputs + ": no document has any text");
            }
            MMapIndexedDatasetWriter.write(prefix, TokenType.forVocabulary(GptNeoXTokenizer.VOCAB_SIZE), items);
            long tokens = items.stream().mapToLong(d -> d.length).sum();
            run.result("bin", MMapIndexedDataset.binPath(prefix).toString());
            run.result("idx", MMapIndexedDataset.idxPath(prefix).toString());
            run.result("documents", items.size());
            run.result("empty_documents_left_out", documents.length - items.size());
            run.result("tokens", tokens);
            run.succeeded();
            spec.commandLine().getOut().printf("%d documents (%d without text left out), %d tokens → %s%n", items.size(),
                    documents.length - items.size(), tokens, MMapIndexedDataset.binPath(prefix));
        }
        return ExitCode.OK;
    }
}
