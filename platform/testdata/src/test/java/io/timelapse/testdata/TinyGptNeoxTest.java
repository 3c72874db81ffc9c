package io.timelapse.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TinyGptNeoxTest {

    @Test
    void everyFileIsCopiedIntact() throws IOException, NoSuchAlgorithmException {
        Path directory = TinyGptNeox.directory();
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(TinyGptNeox.FILES.stream().sorted().toList(), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        byte[] model = Files.readAllBytes(TinyGptNeox.file("model.safetensors"));
        assertEquals(665504, model.length);
        assertEquals(TinyGptNeox.MODEL_SHA256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model)));
        assertEquals(directory, TinyGptNeox.directory(), "copied once");
    }

    @Test
    void anUnknownFileIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TinyGptNeox.file("logits.npz"));
        assertTrue(e.getMessage().startsWith("the tiny GPT-NeoX fixture has no file logits.npz; it has [README.md, "));
    }
}
