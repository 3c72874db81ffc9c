package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.cli.PluginCommand;
import io.timelapse.testkit.HelpCheck;
import io.timelapse.testkit.HelpRules;
import io.timelapse.testkit.PluginCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every openfold command's help is complete, as {@link HelpCheck} defines it, and so is the plugin's own description. */
class HelpTest {

    @Test
    void everyCommandHasCompleteHelp() {
        List<Class<? extends PluginCommand>> commands = PluginCommands.in(OpenFoldPlugin.class);
        assertEquals(List.of(DataBenchCommand.class, DatasetCommand.class, DemoCommand.class, DynamicsCommand.class, FeaturesCommand.class, MetricsCommand.class,
                ModuleCommand.class, OpenFoldBenchCommand.class, PredictCommand.class, TrainCommand.class), commands);
        List<String> problems = new ArrayList<>();
        for (Class<? extends PluginCommand> command : commands) {
            problems.addAll(HelpCheck.problems("openfold", PluginCommands.create(command)));
        }
        assertEquals(List.of(), problems);
    }

    /** The plugin's style: a command's description is its summary, so 'timelapse openfold' and 'openfold dataset' list all of it. */
    @Test
    void everyDescriptionIsOneLine() {
        List<CommandLine> commands = new ArrayList<>();
        for (Class<? extends PluginCommand> command : PluginCommands.in(OpenFoldPlugin.class)) {
            commands.add(new CommandLine(PluginCommands.create(command)));
        }
        for (int i = 0; i < commands.size(); i++) {
            commands.addAll(commands.get(i).getSubcommands().values());
        }
        assertEquals(14, commands.size(),
                "openfold-data, openfold, dataset, demo, dynamics, features, metrics, module, predict, train, info, split, build, merge");
        for (CommandLine command : commands) {
            assertEquals(1, command.getCommandSpec().usageMessage().description().length, command.getCommandName());
        }
    }

    @Test
    void theBundleDescriptionSaysWhatThePluginDoes() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            String description = new Manifest(in).getMainAttributes().getValue("Bundle-Description");
            assertEquals(Optional.empty(), HelpRules.descriptionProblem(description));
            assertTrue(description.contains("features") && description.contains("metrics") && description.contains("training set"),
                    description);
        }
    }
}
