package io.timelapse.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.testkit.HelpRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every command of the platform and of every installed plugin through {@code --help} and
 * holds the help it prints to the rules of {@link HelpRules}, those every plugin's tests apply to
 * its commands: help renders without a warning, no label picocli made up such as {@code <argN>},
 * every option and parameter is described, and no description is cut off mid-sentence.
 */
class HelpIT {

    @TempDir
    Path work;

    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @Test
    void everyCommandHasCompleteHelp() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            // Each visit adds its sub-commands before it ends, so waiting in order reaches them all.
            List<Future<?>> pending = new CopyOnWriteArrayList<>();
            pending.add(pool.submit(() -> visit(List.of(), pool, pending)));
            for (int i = 0; i < pending.size(); i++) {
                pending.get(i).get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> sorted = new ArrayList<>(problems);
        Collections.sort(sorted);
        assertTrue(sorted.isEmpty(), sorted.size() + " problems in help texts:\n" + String.join("\n", sorted));
    }

    @Test
    void pluginGroupsAreDescribedByTheirBundles() throws Exception {
        Timelapse.Result help = Timelapse.run(work, "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.stdout().contains("The data Pythia was trained on, in its exact order"), help.stdout());
        assertTrue(!help.stdout().contains("Commands of the"), help.stdout());
        assertTrue(help.stdout().contains("Benchmarks, each measured side by side"), help.stdout());
    }

    /** Checks {@code timelapse PATH --help} and queues the commands it lists. */
    private Void visit(List<String> path, ExecutorService pool, List<Future<?>> pending) throws Exception {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        Timelapse.Result result = Timelapse.run(work, args.toArray(String[]::new));
        String command = String.join(" ", prefixed(path));
        if (result.exitCode() != 0) {
            problems.add(command + ": --help exits " + result.exitCode() + ": " + result.stderr().strip());
            return null;
        }
        check(command, result);
        HelpText help = HelpText.parse(result.stdout());
        for (HelpText.Entry sub : help.commands()) {
            HelpRules.descriptionProblem(sub.description())
                    .ifPresent(problem -> problems.add(command + " " + sub.name() + ": summary in the command list " + problem));
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.name());
            pending.add(pool.submit(() -> visit(subPath, pool, pending)));
        }
        return null;
    }

    private void check(String command, Timelapse.Result result) {
        HelpRules.renderingProblems(result.stdout(), result.stderr()).forEach(problem -> problems.add(command + ": " + problem));
        HelpText help = HelpText.parse(result.stdout());
        HelpRules.descriptionProblem(help.description()).ifPresent(problem -> problems.add(command + ": description " + problem));
        for (HelpText.Entry argument : help.arguments()) {
            HelpRules.labelProblem(argument.name()).ifPresent(problem -> problems.add(command + " " + argument.name() + ": " + problem));
            HelpRules.descriptionProblem(argument.description()).ifPresent(problem -> problems.add(command + " " + argument.name() + ": " + problem));
        }
    }

    private static List<String> prefixed(List<String> path) {
        List<String> words = new ArrayList<>();
        words.add("timelapse");
        words.addAll(path);
        return words;
    }
}
