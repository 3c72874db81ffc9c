package io.timelapse.plugin.pythia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.api.cli.PluginCommand;
import io.timelapse.testkit.HelpCheck;
import io.timelapse.testkit.PluginCommands;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Every pythia command's help is complete, as {@link HelpCheck} defines it. */
class HelpTest {

    @Test
    void everyCommandIsFound() {
        List<String> names = PluginCommands.in(PythiaPlugin.class).stream().map(type -> type.getAnnotation(Command.class).name()).toList();
        assertEquals(List.of("batch", "pythia", "demo", "detokenize", "index", "info", "locate", "preprocess", "preshuffle", "samples", "tokenize",
                "unshard"), names);
    }

    @Test
    void everyCommandHasCompleteHelp() {
        List<String> problems = new ArrayList<>();
        for (Class<? extends PluginCommand> command : PluginCommands.in(PythiaPlugin.class)) {
            problems.addAll(HelpCheck.problems("pythia", PluginCommands.create(command)));
        }
        assertEquals(List.of(), problems);
    }
}
