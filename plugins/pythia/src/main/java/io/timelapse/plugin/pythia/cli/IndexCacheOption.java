package io.timelapse.plugin.pythia.cli;

import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --index-cache DIR}: where a command that reads samples loads or caches gpt-neox's index-map files. */
final class IndexCacheOption {

    @Option(names = "--index-cache", paramLabel = "DIR",
            description = "Load the index maps from DIR, or build them and save them there, under gpt-neox's file names (default: build"
                    + " them in memory).")
    Path directory;

    /** The store {@code --index-cache} names, or a usage error when it names something other than a directory. */
    IndexMapStore store(CommandSpec spec) {
        if (directory == null) {
            return IndexMapStore.inMemory();
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new ParameterException(spec.commandLine(), "--index-cache " + directory + ": not a directory");
        }
        return IndexMapStore.in(directory);
    }
}
