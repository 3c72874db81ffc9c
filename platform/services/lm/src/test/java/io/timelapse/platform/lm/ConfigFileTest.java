package io.timelapse.platform.lm;

import static io.timelapse.platform.lm.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LmConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json in the old, new and newest Hugging Face spellings, and the errors bad ones get. */
class ConfigFileTest {

    @TempDir
    Path tmp;

    private Path config(String json) throws IOException {
        Path file = tmp.resolve("config-" + Math.abs(json.hashCode()) + ".json");
        Files.writeString(file, json);
        return file;
    }

    private static final String BASE = "\"model_type\": \"gpt_neox\", \"hidden_size\": 64, \"num_attention_heads\": 4, \"num_hidden_layers\": 2, "
            + "\"intermediate_size\": 256, \"vocab_size\": 512, \"max_position_embeddings\": 128";

    @Test
    void allSpellingsOfTheRotarySettingsReadAlike() throws IOException {
        LmConfig old = Fixtures.MODELS.readConfig(config("{" + BASE + ", \"rotary_pct\": 0.25, \"rotary_emb_base\": 10000}"));
        LmConfig renamed = Fixtures.MODELS.readConfig(config("{" + BASE + ", \"partial_rotary_factor\": 0.25, \"rope_theta\": 10000.0}"));
        LmConfig nested = Fixtures.MODELS.readConfig(config("{" + BASE + ", \"rope_parameters\": {\"rope_type\": \"default\", "
                + "\"partial_rotary_factor\": 0.25, \"rope_theta\": 10000}}"));
        LmConfig both = Fixtures.MODELS.readConfig(config("{" + BASE + ", \"rotary_pct\": 0.25, \"partial_rotary_factor\": 0.25, "
                + "\"rotary_emb_base\": 10000, \"rope_theta\": 10000}"));
        assertEquals(old, renamed);
        assertEquals(old, nested);
        assertEquals(old, both);
        assertEquals(Fixtures.MODELS.readConfig(Fixtures.tiny("config.json")), old);
        assertEquals(0.25, old.rotaryPct());
        assertEquals(10000, old.rotaryBase());
        assertTrue(old.parallelResidual());
    }

    @Test
    void theNewSpellingLoadsTheGoldenModel() throws IOException {
        Path dir = tmp.resolve("renamed");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{" + BASE + ", \"partial_rotary_factor\": 0.25, \"rope_theta\": 10000.0, "
                + "\"use_parallel_residual\": true, \"layer_norm_eps\": 1e-05, \"hidden_act\": \"gelu\", \"attention_bias\": true, \"rope_scaling\": null}");
        Files.copy(Fixtures.tiny("model.safetensors"), dir.resolve("model.safetensors"));
        try (LanguageModel model = Fixtures.MODELS.load(dir); HostTensor logits = model.logits(Fixtures.ids("inputs.npy"))) {
            assertClose(Fixtures.npy("logits.npy").asFloatArray(), logits.toFloats(), 1e-4, "logits with the new spelling");
        }
    }

    @Test
    void badConfigsNameTheFileAndTheField() throws IOException {
        Path notJson = config("{\"hidden_size\": 64,");
        IOException e = assertThrows(IOException.class, () -> Fixtures.MODELS.readConfig(notJson));
        assertTrue(e.getMessage().startsWith(notJson.toString()) && e.getMessage().contains("not valid JSON"), e.getMessage());

        Path wrongType = config("{" + BASE.replace("\"hidden_size\": 64", "\"hidden_size\": \"64\"") + "}");
        e = assertThrows(IOException.class, () -> Fixtures.MODELS.readConfig(wrongType));
        assertTrue(e.getMessage().startsWith(wrongType.toString()) && e.getMessage().contains("'hidden_size' must be a positive integer"), e.getMessage());

        Path missing = config("{" + BASE.replace("\"vocab_size\": 512, ", "") + "}");
        e = assertThrows(IOException.class, () -> Fixtures.MODELS.readConfig(missing));
        assertTrue(e.getMessage().contains("missing field 'vocab_size'"), e.getMessage());

        Path disagree = config("{" + BASE + ", \"rotary_pct\": 0.25, \"partial_rotary_factor\": 0.5}");
        e = assertThrows(IOException.class, () -> Fixtures.MODELS.readConfig(disagree));
        assertTrue(e.getMessage().contains("'rotary_pct'") && e.getMessage().contains("'partial_rotary_factor'") && e.getMessage().contains("disagree"),
                e.getMessage());

        Path heads = config("{" + BASE.replace("\"num_attention_heads\": 4", "\"num_attention_heads\": 5") + "}");
        e = assertThrows(IOException.class, () -> Fixtures.MODELS.readConfig(heads));
        assertTrue(e.getMessage().contains("'hidden_size' (64) is not a multiple of 'num_attention_heads' (5)"), e.getMessage());

        Path tanh = config("{" + BASE + ", \"hidden_act\": \"gelu_new\"}");
        e = assertThrows(IOException.class, () -> Fixtures.MODELS.readConfig(tanh));
        assertTrue(e.getMessage().contains("'hidden_act'"), e.getMessage());

        Path llama = config("{" + BASE.replace("gpt_neox", "llama") + "}");
        e = assertThrows(IOException.class, () -> Fixtures.MODELS.readConfig(llama));
        assertTrue(e.getMessage().contains("'model_type' is 'llama'"), e.getMessage());

        Path absent = tmp.resolve("nowhere").resolve("config.json");
        e = assertThrows(IOException.class, () -> Fixtures.MODELS.readConfig(absent));
        assertTrue(e.getMessage().startsWith(absent.toString()), e.getMessage());
    }

    @Test
    void aModelDirectoryWithoutConfigIsExplained() throws IOException {
        Path dir = tmp.resolve("weights-only");
        Files.createDirectories(dir);
        Files.copy(Fixtures.tiny("model.safetensors"), dir.resolve("model.safetensors"));
        IOException e = assertThrows(IOException.class, () -> Fixtures.MODELS.load(dir));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("no such file"), e.getMessage());
    }
}
