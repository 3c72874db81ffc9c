package io.timelapse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.RunService;
import io.timelapse.testkit.commands.GreetCommand;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

class PluginCommandsTest {

    @TempDir
    Path dir;

    @Test
    void theCommandsOfAPackageLessTheirSubcommands() {
        List<String> names = PluginCommands.in(GreetCommand.class).stream()
                .map(type -> type.getAnnotation(Command.class).name())
                .toList();
        assertEquals(List.of("dataset", "greet"), names);
    }

    @Test
    void theInjectedConstructorGetsTheDependenciesOfItsTypes() {
        RunService runs = new CommandTester(dir).runs();
        GreetCommand command = PluginCommands.create(GreetCommand.class, "Hello", runs);
        assertSame(runs, command.runs);
        assertEquals("Hello", command.greeting);
        assertNull(PluginCommands.create(GreetCommand.class).runs);
    }

    @Test
    void everyCommandFoundIsCreated() {
        for (Class<? extends PluginCommand> type : PluginCommands.in(GreetCommand.class)) {
            assertEquals(type, PluginCommands.create(type).getClass());
        }
    }
}
