package io.timelapse.api.run;

import io.timelapse.api.cli.CommonOptions;
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;

/** Opens run directories; the platform publishes one instance as an OSGi service. */
@org.osgi.annotation.versioning.ProviderType
public interface RunService {

    /**
     * Starts a run of the command whose parsed specification is {@code spec}: creates its directory
     * and writes {@code run.json} with status {@code running}. The command line, the fully resolved
     * option values and the seed are taken from {@code spec} and {@code options}.
     */
    Run start(CommandSpec spec, CommonOptions options) throws IOException;

    /**
     * Like {@link #start}, for commands whose {@code --out} names a result file or prefix rather
     * than the run directory (gpt-neox-style tools): the run goes to the default directory.
     */
    Run startInDefaultDirectory(CommandSpec spec, CommonOptions options) throws IOException;

    /**
     * Like {@link #start}, for commands that continue their own earlier run (a training resumed
     * after a kill). When {@code --out} holds a run of the same command whose options are all the
     * same (the shared ones aside), that run is reopened; if it had finished, the returned run is
     * {@linkplain Run#complete() complete} and closing it changes nothing. A run of another command,
     * or one whose options differ, is refused with a usage error that names each changed option.
     *
     * @since 1.1
     */
    Run resume(CommandSpec spec, CommonOptions options) throws IOException;

    /**
     * Records why the command whose specification is {@code spec} failed, in the run it started
     * last: the error message a user saw and the exit code the process ends with. A run the command
     * left open is closed as failed; one that succeeded or was interrupted keeps its record. The
     * command line calls this when a command throws; commands need not.
     *
     * @since 1.1
     */
    void failed(CommandSpec spec, int exitCode, String error) throws IOException;
}
