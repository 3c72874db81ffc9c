package io.timelapse.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every command of the platform and of every installed plugin through {@code --help} and
 * holds each to the standing rules: help renders without a warning, no {@code <argN>} label, every
 * option and parameter is described, and no description is cut off mid-sentence.
 */
class HelpIT {

    private static final Pattern UNNAMED_LABEL = Pattern.compile("<arg\\d+>");

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
            if (!HelpText.endsASentence(sub.description())) {
                problems.add(command + " " + sub.name() + ": summary in the command list is cut off: '" + tail(sub.description()) + "'");
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.name());
            pending.add(pool.submit(() -> visit(subPath, pool, pending)));
        }
        return null;
    }

    private void check(String command, Timelapse.Result result) {
        if (!result.stderr().isBlank()) {
            problems.add(command + ": --help prints on standard error: " + result.stderr().strip().lines().findFirst().orElse(""));
        }
        Matcher label = UNNAMED_LABEL.matcher(result.stdout());
        if (label.find()) {
            problems.add(command + ": unnamed parameter label " + label.group());
        }
        HelpText help = HelpText.parse(result.stdout());
        if (help.description().isBlank()) {
            problems.add(command + ": no description");
        } else if (!HelpText.endsASentence(help.description())) {
            problems.add(command + ": description is cut off: '" + tail(help.description()) + "'");
        }
        for (HelpText.Entry argument : help.arguments()) {
            if (argument.description().isBlank()) {
                problems.add(command + ": " + argument.name() + " has no description");
            } else if (!HelpText.endsASentence(argument.description())) {
                problems.add(command + ": " + argument.name() + " description is cut off: '" + tail(argument.description()) + "'");
            }
        }
    }

    private static List<String> prefixed(List<String> path) {
        List<String> words = new ArrayList<>();
        words.add("timelapse");
        words.addAll(path);
        return words;
    }

    private static String tail(String text) {
        return text.length() <= 60 ? text : "…" + text.substring(text.length() - 60);
    }
}
