package io.timelapse.lib.safetensors;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Named tensors read from one safetensors file or from the shards of one model. */
public interface TensorStore extends AutoCloseable {

    /** Where the tensors come from, for messages. */
    String source();

    /** Tensor names: data order for a file, index order for a sharded model. */
    List<String> names();

    boolean contains(String name);

    /** The header entry of {@code name}; {@link java.util.NoSuchElementException} naming the source if absent. */
    TensorInfo info(String name);

    /** A view of {@code name}'s bytes; {@link java.util.NoSuchElementException} naming the source if absent. */
    SafetensorsTensor tensor(String name) throws IOException;

    /** A file's {@code __metadata__}, or a shard index's {@code metadata}. */
    Map<String, String> metadata();

    @Override
    void close() throws IOException;
}
