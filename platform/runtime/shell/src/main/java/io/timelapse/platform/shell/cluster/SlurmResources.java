package io.timelapse.platform.shell.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What each task asks Slurm for; an option left out leaves the cluster's own default. */
final class SlurmResources {

    private static final Pattern TIME = Pattern.compile("\\d+(-\\d+)?(:\\d+){0,2}|UNLIMITED|INFINITE");
    private static final Pattern MEMORY = Pattern.compile("\\d+[KMGT]?");

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition of the tasks (sbatch --partition; default: the cluster's).")
    String partition;

    @Option(names = "--time", paramLabel = "T",
            description = "Time limit of each task, such as 90, 4:00:00 or 1-12:00:00 (sbatch --time; default: the partition's).")
    String time;

    @Option(names = "--mem", paramLabel = "M", description = "Memory of each task, such as 32G (sbatch --mem; default: the partition's).")
    String memory;

    @Option(names = "--cpus-per-task", paramLabel = "C",
            description = "CPUs of each task, also the threads Timelapse computes on (sbatch --cpus-per-task; 'submit' writes 1 when not given).")
    Integer cpusPerTask;

    @Option(names = "--gpus-per-task", paramLabel = "G", description = "GPUs of each task (sbatch --gpus-per-task; default: none).")
    Integer gpusPerTask;

    @Option(names = "--account", paramLabel = "A", description = "Slurm account the tasks are charged to (sbatch --account).")
    String account;

    @Option(names = "--qos", paramLabel = "Q", description = "Quality of service of the tasks (sbatch --qos).")
    String qos;

    @Option(names = "--sbatch", paramLabel = "OPTION",
            description = "Any other sbatch option, such as --constraint=a100 (repeatable).")
    List<String> other = new ArrayList<>();

    /** Refuses values sbatch would refuse only after the run started. */
    void check(CommandSpec spec) {
        if (time != null && !TIME.matcher(time).matches()) {
            throw new ParameterException(spec.commandLine(), "--time " + time + ": expected minutes, [D-]HH:MM:SS or MM:SS, such as 4:00:00");
        }
        if (memory != null && !MEMORY.matcher(memory).matches()) {
            throw new ParameterException(spec.commandLine(), "--mem " + memory + ": expected a size such as 32G or 4000M");
        }
        if (cpusPerTask != null && cpusPerTask < 1) {
            throw new ParameterException(spec.commandLine(), "--cpus-per-task " + cpusPerTask + ": must be ≥ 1");
        }
        if (gpusPerTask != null && gpusPerTask < 0) {
            throw new ParameterException(spec.commandLine(), "--gpus-per-task " + gpusPerTask + ": must be ≥ 0");
        }
        for (String option : other) {
            if (!option.startsWith("-")) {
                throw new ParameterException(spec.commandLine(), "--sbatch " + option + ": expected an sbatch option, such as --constraint=a100");
            }
        }
    }

    /** The options given, as sbatch takes them: {@code --partition=gpu}, one word each. */
    List<String> sbatchOptions() {
        List<String> options = new ArrayList<>();
        add(options, "--partition", partition);
        add(options, "--time", time);
        add(options, "--mem", memory);
        add(options, "--cpus-per-task", cpusPerTask);
        add(options, "--gpus-per-task", gpusPerTask);
        add(options, "--account", account);
        add(options, "--qos", qos);
        options.addAll(other);
        return options;
    }

    private static void add(List<String> options, String name, Object value) {
        if (value != null) {
            options.add(name + "=" + value);
        }
    }
}
