package io.timelapse.testkit.commands;

import io.timelapse.api.cli.PluginCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** What is no plugin command: a picocli command that is not a {@link PluginCommand}, and an abstract one. */
final class Helpers {

    private Helpers() {}

    @Command(name = "plain", description = "A picocli command of no plugin.")
    static final class Plain implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0;
        }
    }

    @Command(name = "base", description = "Shared by commands.")
    abstract static class Base implements PluginCommand {}
}
