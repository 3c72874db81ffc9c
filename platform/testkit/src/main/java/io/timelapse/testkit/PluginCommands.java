package io.timelapse.testkit;

import io.timelapse.api.cli.PluginCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * A plugin's commands, found among its compiled classes rather than listed, so that a test over
 * every command (such as a {@link HelpCheck} of each) covers a new command without being told.
 *
 * @since 1.1
 */
public final class PluginCommands {

    private PluginCommands() {}

    /**
     * The command classes in the package of {@code anchor}, which tests load from a class folder
     * such as {@code target/classes}: those that implement {@link PluginCommand} and carry picocli's
     * {@code @Command}, less any that another of them names as a sub-command, by class name.
     */
    public static List<Class<? extends PluginCommand>> in(Class<?> anchor) {
        List<Class<? extends PluginCommand>> commands = new ArrayList<>();
        Set<Class<?>> subcommands = new HashSet<>();
        for (String className : classNames(anchor)) {
            Class<?> type = load(className, anchor.getClassLoader());
            Command command = type.getAnnotation(Command.class);
            if (command != null && PluginCommand.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                commands.add(type.asSubclass(PluginCommand.class));
                subcommands.addAll(Arrays.asList(command.subcommands()));
            }
        }
        commands.removeAll(subcommands);
        return commands;
    }

    /**
     * A new {@code type} made through its {@code @Inject} constructor (or its only one), each
     * parameter given the first of {@code dependencies} of its type, or null when none is.
     */
    public static <T> T create(Class<T> type, Object... dependencies) {
        Constructor<?> constructor = injectable(type);
        Object[] arguments = new Object[constructor.getParameterCount()];
        Class<?>[] parameters = constructor.getParameterTypes();
        for (int i = 0; i < arguments.length; i++) {
            Class<?> parameter = parameters[i];
            arguments[i] = Arrays.stream(dependencies).filter(parameter::isInstance).findFirst().orElse(null);
        }
        try {
            constructor.setAccessible(true);
            return type.cast(constructor.newInstance(arguments));
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot create " + type.getName() + ": " + e, e);
        }
    }

    private static Constructor<?> injectable(Class<?> type) {
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        if (constructors.length == 1) {
            return constructors[0];
        }
        // By name, so that jakarta's, javax's and Guice's @Inject all count.
        return Arrays.stream(constructors)
                .filter(c -> Arrays.stream(c.getAnnotations()).anyMatch(a -> a.annotationType().getSimpleName().equals("Inject")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " has several constructors and none is @Inject"));
    }

    private static List<String> classNames(Class<?> anchor) {
        Path folder = location(anchor).resolve(anchor.getPackageName().replace('.', '/'));
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.equals("package-info.class"))
                    .map(name -> anchor.getPackageName() + "." + name.substring(0, name.length() - ".class".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of " + anchor.getPackageName() + " in " + folder, e);
        }
    }

    private static Path location(Class<?> anchor) {
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(location)) {
                throw new IllegalArgumentException(anchor.getName() + " is not loaded from a class folder but from " + location);
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no class folder for " + anchor.getName(), e);
        }
    }

    private static Class<?> load(String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("listed but not loadable: " + className, e);
        }
    }
}
