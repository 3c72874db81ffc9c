package io.timelapse.lib.safetensors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A model split over several safetensors files by a {@link ShardIndex}. Opening checks that the
 * index and the shards agree: every indexed tensor is in its shard, and no shard holds a tensor the
 * index does not assign to it.
 */
public final class ShardedSafetensors implements TensorStore {

    private final ShardIndex index;
    private final Map<String, SafetensorsFile> shards;

    private ShardedSafetensors(ShardIndex index, Map<String, SafetensorsFile> shards) {
        this.index = index;
        this.shards = shards;
    }

    public static ShardedSafetensors open(java.nio.file.Path indexFile) throws IOException {
        ShardIndex index = ShardIndex.read(indexFile);
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        try {
            for (String shardName : index.shardNames()) {
                shards.put(shardName, SafetensorsFile.open(index.resolve(shardName)));
            }
            checkAgreement(index, shards);
            return new ShardedSafetensors(index, shards);
        } catch (IOException | RuntimeException e) {
            for (SafetensorsFile shard : shards.values()) {
                shard.close();
            }
            throw e;
        }
    }

    private static void checkAgreement(ShardIndex index, Map<String, SafetensorsFile> shards) throws SafetensorsFormatException {
        String source = index.file().toString();
        for (Map.Entry<String, String> entry : index.weightMap().entrySet()) {
            if (!shards.get(entry.getValue()).contains(entry.getKey())) {
                throw new SafetensorsFormatException(source, "weight_map puts tensor '" + entry.getKey() + "' in shard "
                        + entry.getValue() + ", which does not hold it");
            }
        }
        for (Map.Entry<String, SafetensorsFile> shard : shards.entrySet()) {
            for (String name : shard.getValue().names()) {
                String assigned = index.weightMap().get(name);
                if (!shard.getKey().equals(assigned)) {
                    throw new SafetensorsFormatException(source, "shard " + shard.getKey() + " holds tensor '" + name
                            + "', which weight_map " + (assigned == null ? "does not list" : "assigns to " + assigned));
                }
            }
        }
    }

    public ShardIndex index() {
        return index;
    }

    /** The open shard files, by shard file name. */
    public Map<String, SafetensorsFile> shards() {
        return shards;
    }

    @Override
    public String source() {
        return index.file().toString();
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(index.weightMap().keySet());
    }

    @Override
    public boolean contains(String name) {
        return index.weightMap().containsKey(name);
    }

    @Override
    public TensorInfo info(String name) {
        return shardOf(name).info(name);
    }

    @Override
    public SafetensorsTensor tensor(String name) throws IOException {
        return shardOf(name).tensor(name);
    }

    private SafetensorsFile shardOf(String name) {
        String shard = index.weightMap().get(name);
        if (shard == null) {
            throw new NoSuchElementException(source() + ": weight_map has no tensor named '" + name + "'");
        }
        return shards.get(shard);
    }

    @Override
    public Map<String, String> metadata() {
        return index.metadata();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SafetensorsFile shard : shards.values()) {
            try {
                shard.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
