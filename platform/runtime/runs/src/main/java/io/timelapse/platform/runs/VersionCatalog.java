package io.timelapse.platform.runs;

import java.util.Map;

/** The versions a run records: the platform, each plugin, and the key libraries. */
interface VersionCatalog {
    Map<String, Object> versions();
}
