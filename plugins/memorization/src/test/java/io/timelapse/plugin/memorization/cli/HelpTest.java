package io.timelapse.plugin.memorization.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Every memorization command's help renders cleanly and describes every option in complete sentences. */
class HelpTest {

    private static List<Object> commands() {
        return List.of(new ScoreCommand(null, null, null, null), new MergeCommand(null), new PredictCommand(null),
                new ReproduceCommand(null, null, null), new DemoCommand(null, null, null));
    }

    @Test
    void helpRendersWithoutWarningsAndDescribesEverything() {
        for (Object command : commands()) {
            CommandLine commandLine = new CommandLine(command);
            CommandSpec spec = commandLine.getCommandSpec();
            String usage = usageCapturingPicocliWarnings(commandLine);
            assertFalse(usage.contains("<arg"), spec.name() + ":\n" + usage);
            assertFalse(usage.contains("picocli WARN"), spec.name() + ":\n" + usage);

            String[] description = spec.usageMessage().description();
            assertTrue(description.length > 0, spec.name() + " has no description");
            // The first line is the summary listed under 'timelapse memorization': one whole sentence.
            assertTrue(description[0].endsWith("."), spec.name() + ": summary cut mid-sentence: " + description[0]);
            String last = description[description.length - 1];
            assertTrue(last.endsWith(".") || last.endsWith(")"), spec.name() + ": description cut mid-sentence: " + last);

            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec arg : args) {
                String text = String.join(" ", arg.description()).trim();
                String name = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
                assertFalse(text.isEmpty(), spec.name() + " " + name + " has no description");
                assertTrue(text.endsWith(".") || text.endsWith(")"), spec.name() + " " + name + ": description cut mid-sentence: " + text);
                if (arg.arity().max() > 0) {
                    assertFalse(arg.paramLabel().startsWith("<"), spec.name() + " " + name + " has no parameter label: " + arg.paramLabel());
                }
            }
        }
    }

    @Test
    void predictHelpShowsThePercentSign() {
        String usage = usageCapturingPicocliWarnings(new CommandLine(new PredictCommand(null)));
        assertTrue(usage.contains("% memorized"), usage);
    }

    /** The usage message; picocli reports descriptions it cannot format on System.err, which becomes part of it here. */
    private static String usageCapturingPicocliWarnings(CommandLine commandLine) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String usage;
        try {
            usage = commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF);
        } finally {
            System.setErr(err);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertEquals("", warnings, commandLine.getCommandSpec().name() + ": picocli printed " + warnings);
        return usage + warnings;
    }
}
