package io.timelapse.platform.lm.cli;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Token-id and logit arrays in .npy files. */
final class TokenFiles {

    private TokenFiles() {}

    /** A 2-D integer array {@code [batch, length]} (a 1-D one is one row), as I32. */
    static HostTensor readIds(Path file) throws IOException {
        NpyArray array = Npy.read(file);
        char kind = array.dtype().kind();
        if (kind != 'i' && kind != 'u') {
            throw new IOException(file + ": expected integer token ids, got dtype " + array.dtype());
        }
        long[] shape = array.shape();
        if (shape.length == 1) {
            shape = new long[] {1, shape[0]};
        }
        if (shape.length != 2 || shape[0] == 0 || shape[1] == 0) {
            throw new IOException(file + ": expected a non-empty [batch, length] array of token ids, got shape " + Arrays.toString(array.shape()));
        }
        return HostTensor.of(array.asIntArray(), shape);
    }

    /** Rows {@code [from, from + count)} of {@code ids}. */
    static HostTensor rows(HostTensor ids, int from, int count) {
        int length = Math.toIntExact(ids.shape().dim(1));
        int[] all = ids.toInts();
        return HostTensor.of(Arrays.copyOfRange(all, from * length, (from + count) * length), count, length);
    }

    static void writeInts(Path target, int[] values, long... shape) throws IOException {
        NpyArray array = NpyArray.ofInts(values, shape);
        AtomicFiles.write(target, out -> Npy.write(out, array));
    }

    static void writeFloats(Path target, float[] values, long... shape) throws IOException {
        NpyArray array = NpyArray.ofFloats(values, shape);
        AtomicFiles.write(target, out -> Npy.write(out, array));
    }
}
