package io.timelapse.distribution;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny GPT-NeoX model and token rows for {@code timelapse lm train}, written in the formats it reads. */
final class TrainingInputs {

    private static final int ROW = 17;
    private static final int VOCAB = 64;

    private TrainingInputs() {}

    /** A Hugging Face config.json of a two-layer, 32-wide GPT-NeoX. */
    static Path tinyModel(Path file) throws IOException {
        return Files.writeString(file, """
                {"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox", "bos_token_id": 0, "eos_token_id": 0,
                 "hidden_act": "gelu", "hidden_size": 32, "initializer_range": 0.02, "intermediate_size": 128,
                 "layer_norm_eps": 1e-5, "max_position_embeddings": 32, "num_attention_heads": 4, "num_hidden_layers": 2,
                 "rotary_emb_base": 10000, "rotary_pct": 0.25, "tie_word_embeddings": false, "torch_dtype": "float32",
                 "use_cache": true, "use_parallel_residual": true, "vocab_size": %d}
                """.formatted(VOCAB));
    }

    /** {@code rows} rows of arithmetic token sequences as an int32 .npy [rows, 17]. */
    static Path rows(Path file, int rows) throws IOException {
        return rows(file, rows, ROW, VOCAB);
    }

    /** {@code rows} rows of {@code length} arithmetic token sequences below {@code vocab} as an int32 .npy [rows, length]. */
    static Path rows(Path file, int rows, int length, int vocab) throws IOException {
        String header = "{'descr': '<i4', 'fortran_order': False, 'shape': (" + rows + ", " + length + "), }";
        int padding = 63 - (10 + header.length()) % 64;
        header = header + " ".repeat(padding) + "\n";
        ByteBuffer tokens = ByteBuffer.allocate(rows * length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < length; t++) {
                tokens.putInt((5 * r + (1 + r % 3) * t) % vocab);
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write(tokens.array());
        }
        return file;
    }

    /**
     * Waits until a training in {@code out} has recorded its first input: its run exists and is
     * watched for signals from then on.
     */
    static void awaitRecordedInput(Path out, Process training) throws IOException, InterruptedException {
        Path manifest = out.resolve("run.json");
        for (int waited = 0; !(Files.exists(manifest) && Files.readString(manifest).contains("\"sha256\"")); waited++) {
            if (!training.isAlive() || waited > 1200) {
                throw new AssertionError("the training never recorded an input in " + manifest);
            }
            Thread.sleep(100);
        }
    }
}
