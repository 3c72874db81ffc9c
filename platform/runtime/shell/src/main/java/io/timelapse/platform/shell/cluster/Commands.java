package io.timelapse.platform.shell.cluster;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** The {@code timelapse} command line, as the shell builds and runs it, for commands that run other commands. */
public interface Commands {

    /** The root of a fresh command tree in which the commands under {@code firstWord} (a plugin's id, say) are created. */
    CommandLine tree(String firstWord);

    /** Runs {@code line} (the words after {@code timelapse}) as {@code timelapse} would and returns its exit code. */
    int execute(List<String> line, PrintWriter out, PrintWriter err);
}
