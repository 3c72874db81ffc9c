package io.timelapse.plugin.memorization.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.cli.PluginCommand;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.HelpCheck;
import io.timelapse.testkit.PluginCommands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every memorization command's help is complete, as {@link HelpCheck} defines it. */
class HelpTest {

    @TempDir
    Path tmp;

    @Test
    void everyCommandHasCompleteHelp() {
        List<Class<? extends PluginCommand>> commands = PluginCommands.in(MemorizationPlugin.class);
        assertEquals(List.of(DemoCommand.class, ExplainCommand.class, MergeCommand.class, PredictCommand.class, ReproduceCommand.class, ScoreCommand.class), commands);
        List<String> problems = new ArrayList<>();
        for (Class<? extends PluginCommand> command : commands) {
            problems.addAll(HelpCheck.problems("memorization", PluginCommands.create(command)));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void predictHelpShowsThePercentSign() {
        CommandTester.Result help = new CommandTester(tmp).execute("memorization", new PredictCommand(null), "--help");
        assertTrue(help.out().contains("% memorized"), help.out());
    }
}
