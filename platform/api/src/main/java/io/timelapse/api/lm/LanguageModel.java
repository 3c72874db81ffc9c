package io.timelapse.api.lm;

import io.timelapse.api.compute.HostTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded causal language model with its weights held in a compute session. Token batches are
 * I32 (or I64) host tensors {@code [batch, length]}; every call is batched, and the graphs built
 * for one batch size are reused by later calls of that size. Returned tensors are the caller's to
 * close (they may be views of the backend's memory). Not thread-safe.
 */
@org.osgi.annotation.versioning.ProviderType
public interface LanguageModel extends AutoCloseable {

    LmConfig config();

    /** Where the model was loaded from; null for a model created in memory. */
    Path source();

    /** Every weight file read, with its sha256; empty for a model created in memory. */
    List<WeightFile> weightFiles();

    /** Problems noticed while loading, such as identical weights at two different training steps. */
    List<String> warnings();

    /** Next-token logits at every position, F32 {@code [batch, length, vocab]}. */
    HostTensor logits(HostTensor tokens);

    /**
     * The residual stream, F32 {@code [layers + 2, batch, length, hidden]}: the token embeddings,
     * the output of each layer, and the final layer norm's output.
     */
    HostTensor hiddenStates(HostTensor tokens);

    /** −log p(token[t+1] | tokens[..t]) for t = 0 … length−2, F32 {@code [batch, length − 1]}. */
    HostTensor tokenLoss(HostTensor tokens);

    /** Greedy continuations of equally long prefixes, I32 {@code [batch, newTokens]}; lowest id on ties. */
    HostTensor generate(HostTensor prefixes, Generation generation);

    /**
     * The teacher-forced argmax over one forward pass, I32 {@code [batch, length − prefixLength]}:
     * the prediction for position t (t ≥ prefixLength) from the true tokens before it, banned ids
     * excluded. A greedy continuation of the prefix reproduces tokens[prefixLength..] exactly iff
     * this equals them.
     */
    HostTensor teacherForcedArgmax(HostTensor tokens, int prefixLength, int... bannedTokens);

    /** Per row: whether greedy decoding from the first {@code prefixLength} tokens reproduces the rest exactly. */
    default boolean[] exactMatch(HostTensor tokens, int prefixLength, int... bannedTokens) {
        long[] dims = tokens.shape().dims();
        int batch = Math.toIntExact(dims[0]);
        int length = Math.toIntExact(dims[1]);
        int continuation = length - prefixLength;
        boolean[] matches = new boolean[batch];
        try (HostTensor predicted = teacherForcedArgmax(tokens, prefixLength, bannedTokens)) {
            for (int b = 0; b < batch; b++) {
                boolean all = true;
                for (int j = 0; j < continuation && all; j++) {
                    all = predicted.getLong((long) b * continuation + j) == tokens.getLong((long) b * length + prefixLength + j);
                }
                matches[b] = all;
            }
        }
        return matches;
    }

    /** Writes {@code config.json} and {@code model.safetensors} (F32) in Hugging Face's layout. */
    void save(Path directory) throws IOException;

    /** Frees the session and its graphs. */
    @Override
    void close();
}
