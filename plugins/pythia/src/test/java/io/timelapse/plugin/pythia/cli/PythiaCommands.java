package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.RunService;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/** Every command of the plugin, found among the compiled classes of the cli package, so a new command is covered unlisted. */
final class PythiaCommands {

    private PythiaCommands() {}

    static List<Class<? extends PluginCommand>> classes() throws IOException, ClassNotFoundException, URISyntaxException {
        Path root = Path.of(PythiaPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve(PythiaPlugin.class.getPackageName().replace('.', '/'));
        List<Class<? extends PluginCommand>> commands = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> type = Class.forName(PythiaPlugin.class.getPackageName() + "." + name.substring(0, name.length() - 6));
                    if (PluginCommand.class.isAssignableFrom(type) && type.isAnnotationPresent(Command.class)) {
                        commands.add(type.asSubclass(PluginCommand.class));
                    }
                }
            }
        }
        return commands;
    }

    /** A new instance of {@code type}, created as the plugin's injector would, with {@code runs}. */
    static PluginCommand create(Class<? extends PluginCommand> type, RunService runs) throws ReflectiveOperationException {
        Constructor<? extends PluginCommand> constructor = type.getDeclaredConstructor(RunService.class);
        constructor.setAccessible(true);
        return constructor.newInstance(runs);
    }
}
