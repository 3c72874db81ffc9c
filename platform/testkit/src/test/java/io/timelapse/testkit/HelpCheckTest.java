package io.timelapse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.cli.DefaultSeed;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Each rule of {@link HelpCheck} bites on a command planted to break it, and none bites on complete help. */
class HelpCheckTest {

    @DefaultSeed(1234)
    @Command(name = "score", mixinStandardHelpOptions = true, subcommands = Merge.class,
            description = {"Score the rows of a model's training data.", "Each row is scored greedily."})
    static final class Complete implements Callable<Integer> {
        @Option(names = "--rows", paramLabel = "N", defaultValue = "8", description = "Rows to score (default: ${DEFAULT-VALUE}).")
        int rows;

        @Parameters(paramLabel = "MODEL", arity = "0..1", description = "The model's folder, as Hugging Face exports it.")
        Path model;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true, description = "Merge score tables into one.")
    static final class Merge implements Callable<Integer> {
        @Parameters(paramLabel = "TABLE", arity = "1..*", description = "Score tables, one per shard.")
        List<Path> tables;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void completeHelpHasNoProblem() {
        assertEquals(List.of(), HelpCheck.problems("memorization", new Complete()));
        assertEquals(List.of(), HelpCheck.problemsTopLevel(new Complete()));
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, description = "Predict the 5%m of rows a model memorizes.")
    static final class PercentSign implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void aDescriptionPicocliCannotFormat() {
        List<String> problems = HelpCheck.problems("memorization", new PercentSign());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("timelapse memorization predict: printed on standard error: [picocli WARN] Could not format "),
                problems.get(0));
    }

    @Command(name = "build", mixinStandardHelpOptions = true, description = "Build a training set.")
    static final class UnlabelledPositional implements Callable<Integer> {
        @Parameters(description = "Folders of structures.")
        List<Path> roots;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void aParameterWithoutALabel() {
        assertEquals(List.of("timelapse openfold build <roots>: picocli's made-up label <roots> (give it a paramLabel)"),
                HelpCheck.problems("openfold", new UnlabelledPositional()));
    }

    @Command(name = "dataset", mixinStandardHelpOptions = true, description = "Build and split training sets.")
    static final class UnnamedMethodParameter {
        @Command(name = "split", mixinStandardHelpOptions = true, description = "Split a training set.")
        int split(@Parameters(description = "The training set's manifest.") Path manifest) {
            return 0;
        }
    }

    @Test
    void anArgNLabelInASubcommand() {
        assertEquals(List.of("timelapse openfold dataset split: unnamed parameter label <arg0>",
                "timelapse openfold dataset split <arg0>: picocli's made-up label <arg0> (give it a paramLabel)"),
                HelpCheck.problems("openfold", new UnnamedMethodParameter()));
    }

    @Command(name = "batch", mixinStandardHelpOptions = true, description = "Print the batch of a training step.")
    static final class UndocumentedOption implements Callable<Integer> {
        @Option(names = "--step", paramLabel = "N")
        long step;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void anOptionWithoutADescription() {
        assertEquals(List.of("timelapse pythia batch --step: no description"), HelpCheck.problems("pythia", new UndocumentedOption()));
    }

    @Command(name = "locate", mixinStandardHelpOptions = true,
            description = {"Find where a row of the", "training data came from."})
    static final class CutSentences implements Callable<Integer> {
        @Option(names = "--row", paramLabel = "ROW", description = "The row, counted from")
        long row;

        @Option(names = "--shard", paramLabel = "N", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}.")
        int shard;

        @Option(names = "--index", paramLabel = "FILE", description = "the index file.")
        Path index;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void sentencesCutOffOrNotBegunOrSayingNothing() {
        assertEquals(List.of("timelapse pythia locate: summary (the description's first line) cut off mid-sentence: 'Find where a row of the'",
                "timelapse pythia locate --row: cut off mid-sentence: 'The row, counted from'",
                "timelapse pythia locate --shard: says nothing but its default: 'Default: 0.'",
                "timelapse pythia locate --index: does not begin a sentence: 'the index file.'"),
                HelpCheck.problems("pythia", new CutSentences()));
    }

    @Command(name = "unshard", mixinStandardHelpOptions = true, description = "Join the shards into ${TIMELAPSE_NO_SUCH_VARIABLE} files.")
    static final class UnresolvedVariables implements Callable<Integer> {
        @Option(names = "--max", paramLabel = "N", description = "Join at most N shards (default: ${DEFAULT-VALUE}).")
        Integer max;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void unresolvedVariables() {
        assertEquals(List.of("timelapse pythia unshard: description a variable shows as null: 'Join the shards into ${TIMELAPSE_NO_SUCH_VARIABLE} files.'",
                "timelapse pythia unshard --max: a variable shows as null: 'Join at most N shards (default: ${DEFAULT-VALUE}).'"),
                HelpCheck.problems("pythia", new UnresolvedVariables()));
    }
}
