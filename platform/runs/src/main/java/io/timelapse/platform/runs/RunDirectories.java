package io.timelapse.platform.runs;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Model.CommandSpec;

/** Creates one directory per run, by default {@code runs/<timestamp>-<plugin>-<command>/}. */
final class RunDirectories implements RunService {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final VersionCatalog versions;
    private final Clock clock;
    private final Path defaultRoot;
    private final ChecksumCache checksums;

    @Inject
    RunDirectories(VersionCatalog versions) {
        this(versions, Clock.systemUTC(), Path.of("runs"), ChecksumCache.forUser());
    }

    RunDirectories(VersionCatalog versions, Clock clock, Path defaultRoot, ChecksumCache checksums) {
        this.versions = versions;
        this.clock = clock;
        this.defaultRoot = defaultRoot;
        this.checksums = checksums;
    }

    @Override
    public Run start(CommandSpec spec, CommonOptions options) throws IOException {
        return start(spec, options, options.out());
    }

    @Override
    public Run startInDefaultDirectory(CommandSpec spec, CommonOptions options) throws IOException {
        return start(spec, options, null);
    }

    @Override
    public Run resume(CommandSpec spec, CommonOptions options) throws IOException {
        // TODO(issue 9): reopen a run of the same command with the same options; refuse others.
        return start(spec, options, options.out());
    }

    private Run start(CommandSpec spec, CommonOptions options, Path explicitDirectory) throws IOException {
        CommandIdentity identity = CommandIdentity.of(spec);
        Path directory = explicitDirectory != null
                ? createOrReuse(explicitDirectory)
                : createUnique(defaultRoot.resolve(STAMP.format(clock.instant()) + "-" + identity.slug()));
        RunManifest manifest = new RunManifest(identity, spec, options.seed(), versions.versions(), clock.instant());
        return new ActiveRun(directory, manifest, clock, options.quiet(), checksums);
    }

    private static Path createOrReuse(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException("--out " + directory + ": exists and is not a directory");
        }
        return Files.createDirectories(directory);
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
