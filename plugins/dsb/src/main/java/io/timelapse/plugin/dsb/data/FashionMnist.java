package io.timelapse.plugin.dsb.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST: the full splits from a folder of IDX files (by default where Debian's {@code dataset-fashion-mnist}
 * installs them), and the paper's 1024-image validation subset of the test split, embedded in this bundle.
 */
public final class FashionMnist {

    /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String EMBEDDED = "/io/timelapse/plugin/dsb/fashion-mnist-val/";

    /** The two splits of the data set, named as in its file names. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }

        public String imageFile() {
            return prefix + "-images-idx3-ubyte.gz";
        }

        public String labelFile() {
            return prefix + "-labels-idx1-ubyte.gz";
        }
    }

    private FashionMnist() {}

    /** A split from {@code folder}, which must hold its two gzipped IDX files. */
    public static LabeledImages read(Path folder, Split split) throws IOException {
        Path images = folder.resolve(split.imageFile());
        Path labels = folder.resolve(split.labelFile());
        for (Path file : new Path[] {images, labels}) {
            if (!Files.isRegularFile(file)) {
                throw new IOException(folder + ": no Fashion-MNIST file " + file.getFileName()
                    + " (apt-get install dataset-fashion-mnist puts the data in " + DEFAULT_FOLDER + ")");
            }
        }
        return IdxFiles.read(images, labels);
    }

    /**
     * The paper's validation subset: the test images {@link ValidationSplit#paper(int) ValidationSplit.paper(10000)}
     * in that order, with their labels, from the copy embedded in this bundle.
     */
    public static LabeledImages validation() throws IOException {
        return IdxFiles.read(resource("val-images-idx3-ubyte.gz"), EMBEDDED + "val-images-idx3-ubyte.gz",
            resource("val-labels-idx1-ubyte.gz"), EMBEDDED + "val-labels-idx1-ubyte.gz");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FashionMnist.class.getResourceAsStream(EMBEDDED + name)) {
            if (in == null) {
                throw new IOException("the bundle lacks its embedded Fashion-MNIST file " + EMBEDDED + name);
            }
            return in.readAllBytes();
        }
    }
}
