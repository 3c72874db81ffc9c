package io.timelapse.platform.runs;

import io.timelapse.api.run.RunService;
import io.timelapse.lib.files.ChecksumCache;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The run service outside the framework, for tools and tests that drive commands directly. */
public final class RunServices {

    private RunServices() {}

    /** A run service whose default run directories go under {@code defaultRoot}. */
    public static RunService create(Path defaultRoot, Map<String, Object> versions) {
        return new RunDirectories(() -> versions, Clock.systemUTC(), defaultRoot, ChecksumCache.in(defaultRoot.resolve(".checksums")),
                new OpenRuns());
    }
}
