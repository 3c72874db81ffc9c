package io.timelapse.platform.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.platform.lm.cli.LmCommand;
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

/** Every lm command's help is complete: each option and parameter described in whole sentences, no {@code <argN>}, no picocli warning. */
class LmHelpTest {

    @TempDir
    Path tmp;

    /** The lm group and its commands, with the shared options the shell gives the group. */
    private List<CommandLine> commands() {
        CommandLine lm = new CommandLine(new LmCommand(Fixtures.MODELS, Fixtures.COMPUTE, new CommandTester(tmp).runs(), null));
        lm.getCommandSpec().addMixin("common", CommandSpec.forAnnotatedObject(new CommonOptions()));
        List<CommandLine> all = new ArrayList<>();
        all.add(lm);
        all.addAll(lm.getSubcommands().values());
        return all;
    }

    @Test
    void everyCommandHasCompleteHelp() {
        List<CommandLine> commands = commands();
        assertEquals(List.of("lm", "info", "logits", "generate", "train"), commands.stream().map(CommandLine::getCommandName).toList());
        for (CommandLine command : commands) {
            String name = command.getCommandName();
            String help = usage(command);
            assertFalse(help.contains("<arg"), name + " help has an unnamed parameter:\n" + help);
            assertFalse(help.contains("${"), name + " help has an unresolved variable:\n" + help);
            String description = String.join(" ", command.getCommandSpec().usageMessage().description());
            assertTrue(description.endsWith("."), name + ": the description is not a whole sentence: " + description);
            List<ArgSpec> args = new ArrayList<>(command.getCommandSpec().options());
            args.addAll(command.getCommandSpec().positionalParameters());
            for (ArgSpec arg : args) {
                String label = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
                String text = String.join(" ", arg.description()).strip();
                assertFalse(text.isEmpty(), name + " " + label + " has no description");
                assertTrue(text.endsWith("."), name + " " + label + ": not a whole sentence: " + text);
                assertTrue(help.contains(label), name + " help does not show " + label);
            }
        }
    }

    /** The rendered help; fails on anything picocli prints to stderr while rendering it (its warnings). */
    private static String usage(CommandLine command) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String help;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        } finally {
            System.setErr(err);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("[picocli WARN]"), command.getCommandName() + ": " + warnings);
        return help;
    }
}
