package io.timelapse.plugin.openfold.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.plugin.openfold.features.FeatureFiles;
import io.timelapse.plugin.openfold.features.FeatureSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-chain feature files keyed by the checksums of their inputs. An entry is used only when its
 * recorded key equals the current one; otherwise it is reported as stale, with what changed, and
 * rebuilt. A feature file without its key is never trusted.
 */
public final class FeatureCache {

    /** Bumped whenever the feature computation changes, which invalidates every entry. */
    public static final String PIPELINE_VERSION = "openfold-deterministic-features/2";

    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a cached entry was computed from. */
    public record Key(String pipelineVersion, String structureSha256, String chain, List<String> msaSha256) {

        public static Key of(String structureSha256, String chain, List<String> msaSha256) {
            return new Key(PIPELINE_VERSION, structureSha256, chain, List.copyOf(msaSha256));
        }

        /** The differences from another key, for the stale-entry message. */
        List<String> differences(Key other) {
            List<String> out = new ArrayList<>();
            if (!pipelineVersion.equals(other.pipelineVersion)) {
                out.add("pipeline version " + other.pipelineVersion + " → " + pipelineVersion);
            }
            if (!structureSha256.equals(other.structureSha256)) {
                out.add("structure checksum changed");
            }
            if (!chain.equals(other.chain)) {
                out.add("chain " + other.chain + " → " + chain);
            }
            if (!msaSha256.equals(other.msaSha256)) {
                out.add("MSA checksum changed");
            }
            return out;
        }
    }

    /** The state of an entry relative to the current inputs. */
    public enum State { MISSING, FRESH, STALE }

    /** Computes features on a cache miss. */
    @FunctionalInterface
    public interface Computation {
        FeatureSet compute() throws IOException;
    }

    private final Path directory;

    public FeatureCache(Path directory) {
        this.directory = directory;
    }

    public Path featureFile(String id) {
        return directory.resolve(id + ".npz");
    }

    private Path keyFile(String id) {
        return directory.resolve(id + ".key.json");
    }

    public State state(String id, Key key) throws IOException {
        if (!Files.isRegularFile(featureFile(id))) {
            return State.MISSING;
        }
        Key recorded = recordedKey(id);
        return recorded != null && recorded.equals(key) ? State.FRESH : State.STALE;
    }

    private Key recordedKey(String id) throws IOException {
        Path file = keyFile(id);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), Key.class);
        } catch (IOException e) {
            LOG.warn("{}: unreadable cache key ({}); treating the entry as stale", file, e.getMessage());
            return null;
        }
    }

    /** The cached features when fresh; otherwise computes, stores and returns them. */
    public FeatureSet getOrCompute(String id, Key key, Computation computation) throws IOException {
        State state = state(id, key);
        if (state == State.FRESH) {
            return FeatureFiles.read(featureFile(id));
        }
        if (state == State.STALE) {
            Key recorded = recordedKey(id);
            LOG.warn("stale feature cache entry {} ({}); rebuilding", featureFile(id),
                    recorded == null ? "no key recorded" : String.join(", ", key.differences(recorded)));
        }
        FeatureSet features = computation.compute();
        Files.createDirectories(directory);
        Files.deleteIfExists(keyFile(id));
        FeatureFiles.write(featureFile(id), features);
        AtomicFiles.writeBytes(keyFile(id), JSON.writeValueAsBytes(key));
        return features;
    }

    /** The cached features, failing (never falling back) when the entry is missing or stale. */
    public FeatureSet require(String id, Key key) throws IOException {
        State state = state(id, key);
        if (state != State.FRESH) {
            Key recorded = recordedKey(id);
            throw new IOException(featureFile(id) + ": feature cache entry is " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + (recorded == null ? "" : " (" + String.join(", ", key.differences(recorded)) + ")")
                    + "; rebuild the data set");
        }
        return FeatureFiles.read(featureFile(id));
    }
}
