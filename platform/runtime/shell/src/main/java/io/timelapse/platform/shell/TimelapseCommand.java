package io.timelapse.platform.shell;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command. {@code --plugins} is read by the launcher before the framework starts. */
@Command(name = "timelapse", mixinStandardHelpOptions = true,
        description = "Study how neural networks learn over the course of training.",
        footer = {"", "Run 'timelapse <plugin> <command> --help' for a command's options."})
final class TimelapseCommand {

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Also load the plugin bundles in DIR (repeatable).")
    List<Path> pluginDirectories;
}
