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
}
