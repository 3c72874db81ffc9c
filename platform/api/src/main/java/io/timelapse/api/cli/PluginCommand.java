package io.timelapse.api.cli;

import java.util.concurrent.Callable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A command a plugin contributes. The implementing class carries picocli's {@code @Command}
 * annotation; its name is the sub-command under the plugin, as in {@code timelapse pythia info}.
 * The call returns the process exit code.
 */
@ConsumerType
public interface PluginCommand extends Callable<Integer> {}
