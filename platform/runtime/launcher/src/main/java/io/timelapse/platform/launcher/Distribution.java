package io.timelapse.platform.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The unpacked distribution: {@code lib/} (this launcher and the class-path libraries),
 * {@code bundles/} (the platform), {@code plugins/} (what a lab chose), {@code conf/}.
 */
record Distribution(Path home) {

    static final String HOME_PROPERTY = "timelapse.home";

    static Distribution locate() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null) {
            return new Distribution(Path.of(configured).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Distribution(jar.getParent().getParent().toAbsolutePath().normalize());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the distribution; set -D" + HOME_PROPERTY, e);
        }
    }

    Path bundles() {
        return home.resolve("bundles");
    }

    Path plugins() {
        return home.resolve("plugins");
    }

    Path conf() {
        return home.resolve("conf");
    }

    Path confFile(String name) {
        Path file = conf().resolve(name);
        return Files.isRegularFile(file) ? file : null;
    }
}
