package io.timelapse.lib.safetensors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies test resources into a temporary directory, so tests read real files. */
final class TestResources {

    private TestResources() {}

    static byte[] bytes(String resource) throws IOException {
        try (InputStream in = TestResources.class.getResourceAsStream("/safetensors/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        }
    }

    static Path copy(String resource, Path dir) throws IOException {
        Path target = dir.resolve(resource);
        Files.createDirectories(target.getParent());
        Files.write(target, bytes(resource));
        return target;
    }
}
