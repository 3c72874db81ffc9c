package io.timelapse.platform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The distribution's version, from {@code conf/timelapse.properties}. */
final class PlatformVersion {

    private PlatformVersion() {}

    static String of(Distribution distribution) {
        Path file = distribution.confFile("timelapse.properties");
        if (file == null) {
            return "unknown";
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
