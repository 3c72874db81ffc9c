package io.timelapse.plugin.dsb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.dsb.sets.ClassGaussian;
import io.timelapse.plugin.dsb.stats.QuantileTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The statistics {@code timelapse dsb stats} wrote to a run directory ({@code mean_c<k>.npy}, {@code cov_c<k>.npy},
 * {@code qlut_c<k>.npy}, {@code stats.json}), read back for edits. Every file read is recorded in {@link #files()}.
 */
final class StatsFiles {

    private final Path directory;
    private final List<Path> files = new ArrayList<>();

    StatsFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + ": no such directory");
        }
        this.directory = directory;
    }

    List<Path> files() {
        return List.copyOf(files);
    }

    /** The Gaussian of class {@code k} over whole images (its n and alpha from stats.json when it has them). */
    ClassGaussian gaussian(int k) throws IOException {
        double[] mean = array("mean_c" + k + ".npy", 1).asDoubleArray();
        NpyArray cov = array("cov_c" + k + ".npy", 2);
        if (cov.dim(0) != mean.length || cov.dim(1) != mean.length) {
            throw new IOException(directory.resolve("cov_c" + k + ".npy") + ": shape " + Arrays.toString(cov.shape())
                    + ", but mean_c" + k + ".npy has " + mean.length + " values");
        }
        DMatrixRMaj sigma = new DMatrixRMaj(mean.length, mean.length, true, cov.asDoubleArray());
        int n = 0;
        double alpha = Double.NaN;
        Path json = directory.resolve("stats.json");
        if (Files.isRegularFile(json)) {
            JsonNode entry = new ObjectMapper().readTree(json.toFile()).path("classes").path(Integer.toString(k));
            n = entry.path("n").asInt(0);
            alpha = entry.path("alpha").asDouble(Double.NaN);
            files.add(json);
        }
        return new ClassGaussian(mean, sigma, 0, 1, n, alpha);
    }

    /** The quantile tables of class {@code k}. */
    QuantileTable quantiles(int k) throws IOException {
        NpyArray lut = array("qlut_c" + k + ".npy", 2);
        if (lut.dim(1) != QuantileTable.BINS) {
            throw new IOException(directory.resolve("qlut_c" + k + ".npy") + ": shape " + Arrays.toString(lut.shape())
                    + ", expected " + QuantileTable.BINS + " quantiles per value");
        }
        double[] flat = lut.asDoubleArray();
        double[][] table = new double[(int) lut.dim(0)][];
        for (int p = 0; p < table.length; p++) {
            table[p] = Arrays.copyOfRange(flat, p * QuantileTable.BINS, (p + 1) * QuantileTable.BINS);
        }
        return new QuantileTable(table);
    }

    private NpyArray array(String name, int ndim) throws IOException {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IOException(directory + ": no " + name + " (timelapse dsb stats writes it for the classes of"
                    + " its --classes)");
        }
        NpyArray array = Npy.read(file);
        files.add(file);
        if (array.ndim() != ndim || !array.dtype().isFloatingPoint() || array.isFortranOrder()) {
            throw new IOException(file + ": expected a C-order float array of " + ndim + " dimensions, not "
                    + array.dtype().descriptor() + " of shape " + Arrays.toString(array.shape()));
        }
        return array;
    }
}
