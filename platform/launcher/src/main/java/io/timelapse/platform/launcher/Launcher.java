package io.timelapse.platform.launcher;

import java.util.function.ToIntFunction;

/**
 * The {@code timelapse} process: starts the framework with the distribution's bundles and
 * plugins, runs one command line through the shell bundle, always stops the framework, and exits
 * with the command's exit code.
 */
public final class Launcher {

    static final int FAILURE = 1;

    private Launcher() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        LaunchOptions options = LaunchOptions.parse(args);
        Distribution distribution = Distribution.locate();
        LoggingSetup.configure(distribution, options);
        try (EmbeddedFramework framework = EmbeddedFramework.start(distribution)) {
            framework.installAndStart(options.pluginDirectories());
            ToIntFunction<String[]> shell = framework.commandLineEntry();
            return shell.applyAsInt(args);
        } catch (LaunchException e) {
            System.err.println("error: " + e.getMessage());
            return FAILURE;
        }
    }
}
