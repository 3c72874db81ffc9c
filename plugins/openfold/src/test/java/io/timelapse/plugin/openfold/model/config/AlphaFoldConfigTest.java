package io.timelapse.plugin.openfold.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.plugin.openfold.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The presets' values, JSON overrides under OpenFold's dotted names and the refusal of bad ones. */
class AlphaFoldConfigTest {

    /** Keys of OpenFold's flat config about chunking, checkpointing and fused kernels, which change no result. */
    private static final Set<String> NOT_MODELLED = Set.of("model._mask_trans", "globals.eps", "globals.chunk_size",
            "model.evoformer_stack.blocks_per_ckpt", "model.evoformer_stack.clear_cache_between_blocks",
            "model.evoformer_stack.fuse_projection_weights", "model.evoformer_stack.no_column_attention", "model.evoformer_stack.opm_first",
            "model.evoformer_stack.tune_chunk_size", "model.extra_msa.extra_msa_stack.ckpt",
            "model.extra_msa.extra_msa_stack.clear_cache_between_blocks", "model.extra_msa.extra_msa_stack.fuse_projection_weights",
            "model.extra_msa.extra_msa_stack.opm_first", "model.extra_msa.extra_msa_stack.tune_chunk_size");

    @TempDir
    Path tmp;

    @Test
    void microIsTheFixturesConfig() throws IOException {
        JsonNode config = new ObjectMapper().readTree(Fixtures.resourcePath("fixtures/alphafold_micro/meta.json").toFile()).get("config");
        Map<String, Object> values = AlphaFoldConfig.preset("micro").values();
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (NOT_MODELLED.contains(entry.getKey())) {
                continue;
            }
            Object value = values.get(entry.getKey());
            JsonNode expected = entry.getValue();
            if (expected.isBoolean()) {
                assertEquals(expected.booleanValue(), value, entry.getKey());
            } else {
                assertEquals(expected.doubleValue(), ((Number) value).doubleValue(), 0, entry.getKey());
            }
            compared++;
        }
        assertEquals(values.size(), compared + 2,
                "every value but data.uniform_recycling and globals.blocks_per_ckpt (which only training reads) is in the fixture's config");
    }

    @Test
    void presetsCarryTheSpecsSizes() {
        ModelConfig tiny = AlphaFoldConfig.preset("tiny").model();
        assertEquals(32, tiny.evoformerStack().cM());
        assertEquals(64, tiny.cS());
        assertEquals(16, tiny.extraMsa().cOut());
        assertEquals(4, tiny.structureModule().noBlocks());
        ModelConfig initial = AlphaFoldConfig.preset("initial_training").model();
        assertEquals(48, initial.evoformerStack().noBlocks());
        assertEquals(384, initial.structureModule().cS());
        assertEquals(0.25, initial.evoformerStack().pairDropout());
        assertEquals(1024, AlphaFoldConfig.preset("initial_training").data().maxExtraMsa());
        assertEquals(0.3, AlphaFoldConfig.preset("tiny").loss().distogram().weight());
        assertEquals(1, initial.blocksPerCheckpoint(), "OpenFold trains with one block per activation checkpoint");
        assertEquals(0, tiny.blocksPerCheckpoint());
    }

    @Test
    void aJsonFileOverridesDottedAndNestedKeys() throws IOException {
        Path json = tmp.resolve("override.json");
        Files.writeString(json, """
                {"model.evoformer_stack.no_blocks": 3, "loss": {"distogram": {"weight": 1}}, "data.uniform_recycling": false}
                """);
        AlphaFoldConfig config = AlphaFoldConfig.preset("tiny", json);
        assertEquals(3, config.model().evoformerStack().noBlocks());
        assertEquals(1.0, config.loss().distogram().weight());
        assertFalse(config.data().uniformRecycling());
        assertEquals(2, AlphaFoldConfig.preset("tiny").model().evoformerStack().noBlocks(), "the preset itself is unchanged");
    }

    @Test
    void badOverridesAreRefusedNamingTheKey() throws IOException {
        assertRefused("{\"model.evoformer_stack.no_blocksx\": 3}", "unknown config key \"model.evoformer_stack.no_blocksx\"");
        assertRefused("{\"model.evoformer_stack.no_blocks\": 2.5}", "\"model.evoformer_stack.no_blocks\" must be an integer, not 2.5");
        assertRefused("{\"data.uniform_recycling\": 1}", "\"data.uniform_recycling\" must be true or false, not 1");
        assertRefused("{\"loss.eps\": \"small\"}", "\"loss.eps\" must be a number or a boolean, not \"small\"");
        assertRefused("{\"model.evoformer_stack.c_z\": 64}",
                "\"model.evoformer_stack.c_z\" is 64 but \"model.input_embedder.c_z\" is 32; OpenFold links them");
        assertRefused("{\"globals.blocks_per_ckpt\": -1}", "\"globals.blocks_per_ckpt\" must be 0 (no activation checkpoints) or more");
        assertRefused("{\"model.template.enabled\": true}", "\"model.template.enabled\" must be false (templates are not supported)");
        assertRefused("[1]", "must be a JSON object of config keys");
        assertRefused("{", "not readable JSON");
        Path none = tmp.resolve("none.json");
        assertEquals(none + ": missing (a JSON file of config overrides)",
                assertThrows(ConfigException.class, () -> AlphaFoldConfig.preset("tiny", none)).getMessage());
        var unknown = assertThrows(ConfigException.class, () -> AlphaFoldConfig.preset("huge"));
        assertEquals("unknown config preset \"huge\"; known: initial_training, tiny, micro", unknown.getMessage());
    }

    private void assertRefused(String json, String message) throws IOException {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, json);
        var error = assertThrows(ConfigException.class, () -> AlphaFoldConfig.preset("tiny", file));
        assertEquals(true, error.getMessage().startsWith(file + ": "), error.getMessage());
        assertEquals(true, error.getMessage().contains(message), error.getMessage());
    }
}
