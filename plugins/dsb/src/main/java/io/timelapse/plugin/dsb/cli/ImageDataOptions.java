package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.dsb.data.CifarBinary;
import io.timelapse.plugin.dsb.data.FashionMnist;
import io.timelapse.plugin.dsb.data.IdxFiles;
import io.timelapse.plugin.dsb.data.ImageArray;
import io.timelapse.plugin.dsb.data.LabeledImages;
import io.timelapse.plugin.dsb.data.NpyImages;
import io.timelapse.plugin.dsb.data.Pixels;
import io.timelapse.plugin.dsb.data.ValidationSplit;
import io.timelapse.plugin.dsb.sets.ClassModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The image data of every dsb image command ({@code --data}, {@code --labels}, {@code --size}, {@code --rgb}): the
 * training images and the paper's seeded 1024-image validation subset of the test images, read once, and the
 * pixel conventions that turn them into rows. Unreadable data is a usage error naming the file.
 */
public final class ImageDataOptions {

    static final String DEFAULT_DATA = "/usr/share/datasets/fashion-mnist";
    private static final String[] CIFAR_TRAIN = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
        "data_batch_4.bin", "data_batch_5.bin"};
    private static final String CIFAR_TEST = "test_batch.bin";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR|FILE", defaultValue = DEFAULT_DATA,
            description = "The images: a folder of MNIST or Fashion-MNIST IDX files (train-* and t10k-*, gzipped or not),"
                    + " a CIFAR-10 binary folder (data_batch_1.bin to data_batch_5.bin and test_batch.bin), or a .npy file"
                    + " of images with --labels (default: ${DEFAULT-VALUE}, from apt-get install dataset-fashion-mnist).")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "The class labels of a .npy --data file, a .npy of integers with one label per image. The"
                    + " validation subset is then drawn from that file, and its other images are the training data.")
    Path labels;

    @Option(names = "--size", paramLabel = "N",
            description = "Average-pool every image to N×N pixels; N must divide the image side (14 halves 28×28 images)."
                    + " By default images keep their size.")
    Integer size;

    @Option(names = "--rgb", description = "Replicate grayscale images to three identical channels, as the paper does"
            + " (default: grayscale).")
    boolean rgb;

    private LabeledImages train;
    private LabeledImages validation;
    private final List<Path> files = new ArrayList<>();

    /** The training images. */
    public LabeledImages train() {
        load();
        return train;
    }

    /** The validation images: the paper's seeded subset of 1024 test images, in its order. */
    public LabeledImages validation() {
        load();
        return validation;
    }

    /** Every file read so far, for {@code run.input}. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    /** Whether images are replicated to RGB. */
    public boolean rgb() {
        return rgb;
    }

    /** The class statistics of these images, as every probe set and edit is built from them. */
    public ClassModels classModels(boolean shrinkage) {
        LabeledImages images = train();
        shape(images.images());
        return ClassModels.of(images, validation(), poolFactor(images.images()), rgb, shrinkage);
    }

    /** The same, with the statistics' matrix products on {@code compute}. */
    public ClassModels classModels(boolean shrinkage, ComputeService compute) {
        LabeledImages images = train();
        shape(images.images());
        return ClassModels.of(images, validation(), poolFactor(images.images()), rgb, shrinkage, compute);
    }

    /**
     * Refuses class {@code k}, named by {@code option}, when the training images (or, with {@code validationSplit},
     * the validation images) have none of it.
     */
    public void requireClass(String option, int k, boolean validationSplit) {
        int[] labels = validationSplit ? validation().labels() : train().labels();
        if (indices(labels, k).length == 0) {
            throw new ParameterException(spec.commandLine(), option + ": --data " + data + " has no "
                    + (validationSplit ? "validation" : "training") + " images of class " + k);
        }
    }

    /** The pooling factor {@code --size} asks of these images (1 without {@code --size}). */
    public int poolFactor(ImageArray images) {
        if (size == null) {
            return 1;
        }
        if (size < 1 || images.height() % size != 0 || images.width() % size != 0
                || images.height() / size != images.width() / size) {
            throw new ParameterException(spec.commandLine(), "--size " + size + ": the images are " + images.height()
                    + "x" + images.width() + ", which cannot be average-pooled to " + size + "x" + size);
        }
        return images.height() / size;
    }

    /** The channels, height and width of the rows {@link #rows} makes of these images. */
    public int[] shape(ImageArray images) {
        int factor = poolFactor(images);
        return new int[] {channels(images), images.height() / factor, images.width() / factor};
    }

    /** Every image as a row of doubles: {@code uint8 / 255}, pooled to {@code --size}, replicated if {@code --rgb}. */
    public double[][] rows(ImageArray images) {
        int factor = poolFactor(images);
        channels(images);
        return Pixels.rows(images, factor, rgb);
    }

    /** The rows of the images whose label is {@code label}, in their order. */
    public double[][] rows(LabeledImages images, int label) {
        int factor = poolFactor(images.images());
        channels(images.images());
        return Arrays.stream(indices(images.labels(), label))
                .mapToObj(i -> Pixels.row(images.images(), i, factor, rgb))
                .toArray(double[][]::new);
    }

    private int channels(ImageArray images) {
        if (rgb && images.channels() != 1) {
            throw new ParameterException(spec.commandLine(), "--rgb: the images of --data " + data + " already have "
                    + images.channels() + " channels; only grayscale images are replicated");
        }
        return rgb ? 3 : images.channels();
    }

    static int[] indices(int[] labels, int label) {
        return IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
    }

    /** How to install the data when {@code data} is the default location, else nothing. */
    static String installHint(Path data) {
        return data.equals(Path.of(DEFAULT_DATA)) ? " (apt-get install dataset-fashion-mnist installs Fashion-MNIST there)"
                : "";
    }

    private void load() {
        if (train != null) {
            return;
        }
        if (!Files.exists(data)) {
            throw new ParameterException(spec.commandLine(), "--data " + data + ": no such file or directory"
                    + installHint(data));
        }
        if (labels != null && Files.isDirectory(data)) {
            throw new ParameterException(spec.commandLine(), "--labels " + labels + ": only a .npy --data file takes"
                    + " labels; --data " + data + " is a folder");
        }
        try {
            if (Files.isDirectory(data)) {
                readFolder();
            } else {
                readNpy();
            }
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--data " + e.getMessage(), e);
        }
    }

    private void readFolder() throws IOException {
        if (Files.isRegularFile(data.resolve(CIFAR_TEST))) {
            List<LabeledImages> batches = new ArrayList<>();
            for (String name : CIFAR_TRAIN) {
                if (Files.isRegularFile(data.resolve(name))) {
                    batches.add(CifarBinary.read(read(data.resolve(name))));
                }
            }
            if (batches.isEmpty()) {
                throw new IOException(data + ": a CIFAR-10 folder with " + CIFAR_TEST + " but no data_batch_1.bin to"
                        + " data_batch_5.bin");
            }
            train = concat(batches);
            validation = validationOf(CifarBinary.read(read(data.resolve(CIFAR_TEST))), data.resolve(CIFAR_TEST));
            return;
        }
        train = idx(FashionMnist.Split.TRAIN);
        LabeledImages test = idx(FashionMnist.Split.TEST);
        validation = validationOf(test, data.resolve(FashionMnist.Split.TEST.imageFile()));
    }

    private LabeledImages idx(FashionMnist.Split split) throws IOException {
        Path images = idxFile(split.imageFile());
        Path labelFile = idxFile(split.labelFile());
        return IdxFiles.read(read(images), read(labelFile));
    }

    /** The gzipped file, or the same name without {@code .gz}. */
    private Path idxFile(String gzipped) throws IOException {
        Path file = data.resolve(gzipped);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path plain = data.resolve(gzipped.substring(0, gzipped.length() - ".gz".length()));
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new IOException(data + ": no " + gzipped + " (or " + plain.getFileName() + "): not a folder of IDX"
                + " files (train-* and t10k-*) nor of CIFAR-10 binary batches"
                + installHint(data));
    }

    private void readNpy() throws IOException {
        if (labels == null) {
            throw new ParameterException(spec.commandLine(), "--labels: needed with the .npy --data file " + data
                    + ", one class label per image");
        }
        ImageArray images = NpyImages.readImages(read(data));
        int[] classes;
        try {
            classes = readLabels(read(labels));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--labels " + e.getMessage(), e);
        }
        if (classes.length != images.count()) {
            throw new ParameterException(spec.commandLine(), "--labels " + labels + ": " + classes.length
                    + " labels, but --data " + data + " has " + images.count() + " images");
        }
        LabeledImages all = new LabeledImages(images, classes);
        int[] validationIndices = splitIndices(all.count(), data);
        boolean[] held = new boolean[all.count()];
        for (int i : validationIndices) {
            held[i] = true;
        }
        train = select(all, IntStream.range(0, all.count()).filter(i -> !held[i]).toArray());
        validation = select(all, validationIndices);
    }

    private static int[] readLabels(Path file) throws IOException {
        NpyArray array;
        try {
            array = Npy.read(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
        if (!array.dtype().isInteger() || array.ndim() != 1) {
            throw new IOException(file + ": labels must be a 1-d integer array, not " + array.dtype().descriptor()
                    + " of shape " + Arrays.toString(array.shape()));
        }
        int[] values = array.asIntArray();
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new IOException(file + ": label " + i + " is " + values[i] + "; class labels are 0 or more");
            }
        }
        return values;
    }

    private LabeledImages validationOf(LabeledImages test, Path source) throws IOException {
        return select(test, splitIndices(test.count(), source));
    }

    private static int[] splitIndices(int n, Path source) throws IOException {
        if (n < ValidationSplit.PAPER_SIZE) {
            throw new IOException(source + ": " + n + " images, too few for the paper's validation subset of "
                    + ValidationSplit.PAPER_SIZE);
        }
        return ValidationSplit.paper(n);
    }

    private Path read(Path file) {
        files.add(file);
        return file;
    }

    static LabeledImages select(LabeledImages images, int[] indices) {
        ImageArray source = images.images();
        int size = source.size();
        byte[] pixels = new byte[indices.length * size];
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(source.pixels(), indices[k] * size, pixels, k * size, size);
            labels[k] = images.labels()[indices[k]];
        }
        return new LabeledImages(new ImageArray(indices.length, source.channels(), source.height(), source.width(),
                pixels), labels);
    }

    private static LabeledImages concat(List<LabeledImages> parts) {
        ImageArray first = parts.get(0).images();
        int count = parts.stream().mapToInt(LabeledImages::count).sum();
        byte[] pixels = new byte[count * first.size()];
        int[] labels = new int[count];
        int at = 0;
        for (LabeledImages part : parts) {
            System.arraycopy(part.images().pixels(), 0, pixels, at * first.size(), part.images().pixels().length);
            System.arraycopy(part.labels(), 0, labels, at, part.count());
            at += part.count();
        }
        return new LabeledImages(new ImageArray(count, first.channels(), first.height(), first.width(), pixels),
                labels);
    }
}
