package io.timelapse.plugin.dsb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.cli.PluginCommand;
import io.timelapse.testkit.HelpCheck;
import io.timelapse.testkit.PluginCommands;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every dsb command's help is complete, as {@link HelpCheck} defines it. */
class HelpTest {

    @Test
    void everyCommandHasCompleteHelp() {
        List<Class<? extends PluginCommand>> commands = PluginCommands.in(DsbPlugin.class);
        assertTrue(commands.containsAll(List.of(StatsCommand.class, SampleCommand.class, EditCommand.class)),
                commands.toString());
        List<String> problems = new ArrayList<>();
        for (Class<? extends PluginCommand> command : commands) {
            problems.addAll(HelpCheck.problems("dsb", PluginCommands.create(command)));
        }
        assertEquals(List.of(), problems);
    }
}
