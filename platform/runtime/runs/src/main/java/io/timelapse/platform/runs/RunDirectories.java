package io.timelapse.platform.runs;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.files.ChecksumCache;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Creates one directory per run, by default {@code runs/<timestamp>-<plugin>-<command>/}. A run
 * directory given with {@code --out} that holds a finished run is never written to again.
 */
final class RunDirectories implements RunService {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final VersionCatalog versions;
    private final Clock clock;
    private final Path defaultRoot;
    private final ChecksumCache checksums;
    private final OpenRuns openRuns;

    @Inject
    RunDirectories(VersionCatalog versions, OpenRuns openRuns) {
        this(versions, Clock.systemUTC(), Path.of("runs"), ChecksumCache.forUser(), openRuns);
    }

    RunDirectories(VersionCatalog versions, Clock clock, Path defaultRoot, ChecksumCache checksums, OpenRuns openRuns) {
        this.versions = versions;
        this.clock = clock;
        this.defaultRoot = defaultRoot;
        this.checksums = checksums;
        this.openRuns = openRuns;
    }

    @Override
    public Run start(CommandSpec spec, CommonOptions options) throws IOException {
        if (options.out() == null) {
            return startInDefaultDirectory(spec, options);
        }
        Path directory = options.out();
        RecordedRun previous = recordIn(spec, directory);
        if (previous != null && previous.succeeded()) {
            throw new ParameterException(spec.commandLine(), "--out " + directory + " holds " + previous.describe()
                    + "; give another --out, or delete that directory to run again");
        }
        return open(spec, options, Files.createDirectories(directory), null);
    }

    @Override
    public Run startInDefaultDirectory(CommandSpec spec, CommonOptions options) throws IOException {
        Path base = defaultRoot.resolve(STAMP.format(clock.instant()) + "-" + CommandIdentity.of(spec).slug());
        return open(spec, options, createUnique(base), null);
    }

    @Override
    public Run resume(CommandSpec spec, CommonOptions options) throws IOException {
        Path directory = options.out();
        RecordedRun previous = directory == null ? null : recordIn(spec, directory);
        if (previous == null) {
            return start(spec, options);
        }
        String refusal = "--out " + directory + " holds ";
        CommandIdentity identity = CommandIdentity.of(spec);
        if (!previous.sameCommand(identity)) {
            throw new ParameterException(spec.commandLine(), refusal + previous.describe() + ", not one of '"
                    + identity.displayName() + "'; give another --out");
        }
        List<OptionChanges.Change> changes = OptionChanges.between(spec, previous.config(), ResolvedOptions.of(spec));
        if (!changes.isEmpty()) {
            throw new ParameterException(spec.commandLine(), refusal + "a run of " + previous.commandName() + " "
                    + OptionChanges.describe(changes) + ": give another --out for a new run, or the same options to resume it");
        }
        if (previous.succeeded()) {
            return new CompleteRun(directory, previous);
        }
        return open(spec, options, directory, previous);
    }

    @Override
    public void failed(CommandSpec spec, int exitCode, String error) throws IOException {
        ActiveRun run = openRuns.takeLast(spec);
        if (run != null) {
            run.failed(exitCode, error);
        }
    }

    private ActiveRun open(CommandSpec spec, CommonOptions options, Path directory, RecordedRun previous) throws IOException {
        RunManifest manifest = new RunManifest(CommandIdentity.of(spec), spec, options.seed(), versions.versions(), clock.instant());
        if (previous != null) {
            manifest.continuing(previous, clock.instant());
        }
        ActiveRun run = new ActiveRun(directory, manifest, clock, options.quiet(), checksums, openRuns);
        openRuns.opened(spec, run);
        return run;
    }

    /** The run an explicit {@code --out} already holds, or null; a usage error when it cannot be a run directory. */
    private static RecordedRun recordIn(CommandSpec spec, Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new ParameterException(spec.commandLine(), "--out " + directory + ": not a directory");
        }
        try {
            return Files.isDirectory(directory) ? RecordedRun.in(directory) : null;
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--out " + directory + " holds a run.json that is "
                    + "not readable (" + e.getMessage() + "); give another --out");
        }
    }

    /** Two runs started in the same second get distinct directories. */
    private static Path createUnique(Path base) throws IOException {
        Files.createDirectories(base.getParent());
        for (int attempt = 1; ; attempt++) {
            Path candidate = attempt == 1 ? base : Path.of(base + "-" + attempt);
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
    }
}
