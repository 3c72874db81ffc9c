package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.compute.ComputeService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tests' one compute service ({@link io.timelapse.plugin.dsb.TestCompute}), and a data folder made of the embedded Fashion-MNIST images. */
public final class TestCompute {

    public static final ComputeService COMPUTE = io.timelapse.plugin.dsb.TestCompute.SERVICE;

    private TestCompute() {}

    /**
     * A Fashion-MNIST-style IDX folder whose train and t10k splits are both the 1024 embedded images (so the
     * validation subset is all of them, reordered): enough to run the commands, not to measure generalisation.
     */
    public static Path embeddedDataFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String split : new String[] {"train", "t10k"}) {
            copy("val-images-idx3-ubyte.gz", folder.resolve(split + "-images-idx3-ubyte.gz"));
            copy("val-labels-idx1-ubyte.gz", folder.resolve(split + "-labels-idx1-ubyte.gz"));
        }
        return folder;
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = TestCompute.class.getResourceAsStream("/io/timelapse/plugin/dsb/fashion-mnist-val/" + resource)) {
            Files.write(target, in.readAllBytes());
        }
    }
}
