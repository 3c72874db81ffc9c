package io.timelapse.platform.launcher;

import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code timelapse} process: starts the framework with the distribution's bundles and
 * plugins, runs one command line through the shell bundle, always stops the framework, and exits
 * with the command's exit code. Whatever goes wrong, a user sees one line; the stack trace is
 * logged at DEBUG.
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
        Logger log = LoggerFactory.getLogger(Launcher.class);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.err.println("error: " + OneLine.of(e) + " (in thread " + thread.getName() + ")");
            log.debug("uncaught in thread {}", thread.getName(), e);
        });
        try (EmbeddedFramework framework = EmbeddedFramework.start(distribution)) {
            framework.installAndStart(options.pluginDirectories());
            ToIntFunction<String[]> shell = framework.commandLineEntry();
            return shell.applyAsInt(args);
        } catch (LaunchException e) {
            System.err.println("error: " + e.getMessage());
            log.debug("launch failed", e);
            return FAILURE;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("error: " + OneLine.of(e));
            log.debug("the command line failed", e);
            return FAILURE;
        }
    }
}
