package io.timelapse.plugin.pythia.indexmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.npy.NpyFormatException;
import io.timelapse.plugin.pythia.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexMapFilesTest {

    @TempDir
    Path tmp;

    private IndexMapFiles copyOfReference() throws IOException {
        Path dir = Fixtures.copyFolder("indexmaps", tmp.resolve("maps"));
        return IndexMapFiles.in(dir, Path.of("document"), "train_0", 965, 64, 1234);
    }

    @Test
    void namesFollowGptNeox() {
        assertEquals("pile_20B_tokenizer_text_document_train_0_indexmap_147164160ns_2048sl_1234s",
                IndexMapFiles.baseName(Path.of("/data/pile_20B_tokenizer_text_document"), "train_0", 147_164_160L, 2048, 1234));
        IndexMapFiles files = IndexMapFiles.in(tmp, Path.of("document"), "valid", 72, 64, 1);
        assertEquals("document_valid_indexmap_72ns_64sl_1s_shuffle_idx.npy", files.shuffleIdx().getFileName().toString());
    }

    @Test
    void acceptsInt64SampleIdxAsGptNeoxHeadWritesIt() throws IOException {
        IndexMapFiles files = copyOfReference();
        int[] sample = files.read().sampleIdx();
        long[] wide = Arrays.stream(sample).asLongStream().toArray();
        Npy.write(files.sampleIdx(), NpyArray.of(DType.INT64, wide, sample.length / 2, 2));
        assertArrayEquals(sample, files.read().sampleIdx());
    }

    @Test
    void corruptOrMismatchedFilesAreRejected() throws IOException {
        IndexMapFiles files = copyOfReference();
        byte[] shuffle = Files.readAllBytes(files.shuffleIdx());

        Files.write(files.shuffleIdx(), Arrays.copyOf(shuffle, shuffle.length - 4));
        NpyFormatException truncated = assertThrows(NpyFormatException.class, files::read);
        assertTrue(truncated.getMessage().contains("shuffle_idx.npy") && truncated.getMessage().contains("truncated"),
                truncated.getMessage());

        Npy.write(files.shuffleIdx(), NpyArray.ofDoubles(new double[1412]));
        NpyFormatException dtype = assertThrows(NpyFormatException.class, files::read);
        assertTrue(dtype.getMessage().contains("<f8"), dtype.getMessage());

        Npy.write(files.shuffleIdx(), NpyArray.of(DType.UINT32, new int[1400]));
        NpyFormatException count = assertThrows(NpyFormatException.class, files::read);
        assertTrue(count.getMessage().contains("1400"), count.getMessage());

        Npy.write(files.shuffleIdx(), NpyArray.of(DType.UINT32, new int[1412]));
        Npy.write(files.sampleIdx(), NpyArray.ofInts(new int[2826]));
        NpyFormatException shape = assertThrows(NpyFormatException.class, files::read);
        assertTrue(shape.getMessage().contains("sample_idx.npy") && shape.getMessage().contains("shape"), shape.getMessage());

        Files.write(files.docIdx(), "not numpy".getBytes());
        NpyFormatException magic = assertThrows(NpyFormatException.class, files::read);
        assertTrue(magic.getMessage().contains("doc_idx.npy") && magic.getMessage().contains("magic"), magic.getMessage());
    }
}
