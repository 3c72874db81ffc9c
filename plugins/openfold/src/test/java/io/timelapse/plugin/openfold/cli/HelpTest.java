package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.run.RunService;
import io.timelapse.testkit.CommandTester;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Every openfold command's help, rendered as {@code timelapse openfold ... --help} shows it, is complete. */
class HelpTest {

    @TempDir
    Path tmp;

    @Command(name = "timelapse")
    static final class Root {}

    @Command(name = "openfold")
    static final class Group {}

    /** The openfold group with its commands, each with the shared options as the shell adds them. */
    private CommandLine openfold() {
        RunService runs = new CommandTester(tmp).runs();
        CommandLine group = new CommandLine(new Group());
        for (Object command : List.of(new DatasetCommand(runs), new FeaturesCommand(runs), new MetricsCommand(runs), new DemoCommand(runs))) {
            CommandLine line = new CommandLine(command);
            CommandSpec spec = line.getCommandSpec();
            if (spec.mixins().values().stream().noneMatch(mixin -> mixin.userObject() instanceof CommonOptions)) {
                spec.addMixin("common", CommandSpec.forAnnotatedObject(new CommonOptions()));
            }
            group.addSubcommand(line);
        }
        new CommandLine(new Root()).addSubcommand(group);
        return group;
    }

    private static List<CommandLine> allCommands(CommandLine line) {
        List<CommandLine> out = new ArrayList<>();
        for (CommandLine sub : line.getSubcommands().values()) {
            out.add(sub);
            out.addAll(allCommands(sub));
        }
        return out;
    }

    private static String usage(CommandLine line, StringBuilder picocliErr) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return line.getUsageMessage();
        } finally {
            System.setErr(stderr);
            picocliErr.append(captured.toString(StandardCharsets.UTF_8));
        }
    }

    private static String words(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    @Test
    void everyCommandsHelpIsComplete() {
        CommandLine group = openfold();
        List<CommandLine> commands = allCommands(group);
        assertEquals(7, commands.size(), "dataset, build, info, split, features, metrics, demo");
        for (CommandLine command : commands) {
            StringBuilder warnings = new StringBuilder();
            String usage = usage(command, warnings);
            String name = command.getCommandSpec().qualifiedName(" ");
            assertEquals("", warnings.toString(), name);
            assertFalse(usage.contains("[picocli WARN]"), name + ":\n" + usage);
            assertFalse(usage.matches("(?s).*<arg\\d+>.*"), name + ":\n" + usage);
            String[] description = command.getCommandSpec().usageMessage().description();
            assertEquals(1, description.length, name + ": one description, so that listings show all of it");
            assertSentence(name, description[0]);
            List<ArgSpec> args = new ArrayList<>(command.getCommandSpec().options());
            args.addAll(command.getCommandSpec().positionalParameters());
            for (ArgSpec arg : args) {
                String label = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
                assertEquals(1, arg.description().length, name + " " + label);
                assertSentence(name + " " + label, arg.description()[0]);
                assertTrue(words(usage).contains(words(arg.description()[0])), name + " " + label + " in full:\n" + usage);
                if (arg.arity().max() > 0) {
                    assertFalse(arg.paramLabel().startsWith("<"), name + " " + label + " has the label " + arg.paramLabel());
                }
            }
        }
    }

    @Test
    void listingsShowEachCommandsWholeDescription() {
        CommandLine group = openfold();
        List<CommandLine> parents = new ArrayList<>(List.of(group));
        parents.addAll(allCommands(group));
        for (CommandLine parent : parents) {
            String usage = words(usage(parent, new StringBuilder()));
            for (CommandLine sub : parent.getSubcommands().values()) {
                String description = sub.getCommandSpec().usageMessage().description()[0];
                assertTrue(usage.contains(words(description)), parent.getCommandName() + " lists " + sub.getCommandName() + ":\n" + usage);
            }
        }
    }

    /** A sentence that says more than a default value: "Default: 1024." or "Å (default: 9.0)." are not. */
    private static void assertSentence(String where, String text) {
        assertTrue(text.endsWith("."), where + ": '" + text + "' is not a complete sentence");
        String said = text.replaceAll("(?i)\\(?default: [^)]*\\)?\\.?", "").trim();
        assertTrue(said.split("\\s+").length >= 2, where + ": '" + text + "' describes nothing");
    }

    @Test
    void theBundleDescriptionSaysWhatThePluginDoes() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            String description = new Manifest(in).getMainAttributes().getValue("Bundle-Description");
            assertSentence("Bundle-Description", description);
            assertTrue(description.contains("features") && description.contains("metrics") && description.contains("training set"),
                    description);
        }
    }
}
