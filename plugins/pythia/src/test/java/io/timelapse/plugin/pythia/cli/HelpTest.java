package io.timelapse.plugin.pythia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.cli.PluginCommand;
import io.timelapse.testkit.CommandTester;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every pythia command's help is complete: each option and parameter described in whole sentences, nothing left to picocli. */
class HelpTest {

    @TempDir
    Path tmp;

    @Test
    void everyCommandIsFound() throws Exception {
        List<String> names = new ArrayList<>();
        for (Class<? extends PluginCommand> type : PythiaCommands.classes()) {
            names.add(type.getAnnotation(CommandLine.Command.class).name());
        }
        assertEquals(List.of("batch", "demo", "detokenize", "index", "info", "locate", "samples", "tokenize", "unshard"), names);
    }

    @Test
    void everyCommandsHelpIsComplete() throws Exception {
        CommandTester tester = new CommandTester(tmp);
        for (Class<? extends PluginCommand> type : PythiaCommands.classes()) {
            CommandLine commandLine = new CommandLine(PythiaCommands.create(type, tester.runs()));
            CommandSpec spec = commandLine.getCommandSpec();
            String usage = usageMessage(commandLine);
            String name = spec.name();
            assertFalse(usage.contains("[picocli WARN]"), name + ":\n" + usage);
            assertFalse(usage.contains("<arg"), name + ":\n" + usage);
            for (String line : spec.usageMessage().description()) {
                assertSentence(name + " description", line);
            }
            for (ArgSpec arg : spec.args()) {
                String what = name + " " + (arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel());
                assertTrue(arg.description().length > 0, what + " has no description");
                assertSentence(what, String.join(" ", arg.description()));
                if (arg.arity().max() > 0) {
                    assertFalse(arg.paramLabel().startsWith("<"), what + " has picocli's label " + arg.paramLabel());
                }
            }
        }
    }

    /** The usage message, and whatever picocli printed to standard error while rendering it. */
    private static String usageMessage(CommandLine commandLine) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF) + err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(original);
        }
    }

    private static void assertSentence(String what, String text) {
        String trimmed = text.strip();
        assertFalse(trimmed.isEmpty(), what + " is empty");
        assertTrue(Character.isUpperCase(trimmed.codePointAt(0)), what + " does not start a sentence: " + trimmed);
        assertTrue(trimmed.matches("(?s).*[.!?]\\)?"), what + " is not a whole sentence: " + trimmed);
    }
}
