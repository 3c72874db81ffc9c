package io.timelapse.lib.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.bench.PyTorchReference.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference scripts written by the test and run with {@code sh} standing in for Python. */
class PyTorchReferenceTest {

    @TempDir
    Path tmp;

    private final PyTorchReference sh = new PyTorchReference("sh");

    private Path script(String text) throws IOException {
        return Files.writeString(tmp.resolve("reference.sh"), text);
    }

    @Test
    void theJsonObjectAScriptPrintsIsReadWithItsArguments() throws Exception {
        Result result = sh.run(script("printf '{\"step_ms\": 1.5, \"torch\": \"%s\"}' \"$2\"\n"), List.of("--version", "2.1"));
        assertTrue(result.available(), result.problem());
        assertNull(result.problem());
        assertEquals(1.5, result.json().get("step_ms").asDouble());
        assertEquals("2.1", result.json().get("torch").asText());
    }

    @Test
    void aBundledScriptIsRunFromTheOwnersResources() throws Exception {
        Result result = sh.run(PyTorchReferenceTest.class, "prints_arguments.sh", null, List.of("--threads", "2"));
        assertTrue(result.available(), result.problem());
        assertEquals("--threads 2", result.json().get("arguments").asText());
    }

    @Test
    void aGivenFileTakesThePlaceOfTheBundledScript() throws Exception {
        Path other = script("echo '{\"from\": \"file\"}'\n");
        Result result = sh.run(PyTorchReferenceTest.class, "prints_arguments.sh", other, List.of());
        assertEquals("file", result.json().get("from").asText());
    }

    @Test
    void aPythonThatCannotStartGivesAReason() throws Exception {
        Path python = tmp.resolve("no-python");
        Result result = new PyTorchReference(python.toString()).run(script("echo '{}'\n"), List.of());
        assertFalse(result.available());
        assertTrue(result.problem().startsWith(python + " cannot be started ("), result.problem());
    }

    @Test
    void aFailingScriptGivesItsExitCodeAndTheInstallHint() throws Exception {
        Path script = script("echo '{\"partial\": 1}'\nexit 3\n");
        Result result = sh.run(script, List.of());
        assertFalse(result.available());
        assertEquals("sh " + script + " failed with exit code 3 (is torch installed? apt-get install python3-torch)", result.problem());
    }

    @Test
    void outputThatIsNoJsonObjectGivesAReason() throws Exception {
        for (String output : List.of("echo 'torch 2.1 ready'", "true", "echo '[1, 2]'")) {
            Path script = script(output + "\n");
            Result result = sh.run(script, List.of());
            assertEquals("sh " + script + " printed no JSON object", result.problem(), output);
        }
    }

    @Test
    void aScriptThatOutlastsTheTimeoutIsStoppedWithAReason() throws Exception {
        Path script = script("exec sleep 60\n");
        Result result = new PyTorchReference("sh", Duration.ofMillis(200)).run(script, List.of());
        assertEquals("sh " + script + " did not finish within 0.2 s", result.problem());
    }

    @Test
    void aMissingScriptFileGivesAReason() throws Exception {
        Path missing = tmp.resolve("missing.py");
        assertEquals("no PyTorch reference script at " + missing, sh.run(missing, List.of()).problem());
    }

    @Test
    void aBundleWithoutItsScriptIsABuildError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sh.run(PyTorchReferenceTest.class, "missing.py", null, List.of()));
        assertEquals("the bundle of " + PyTorchReferenceTest.class.getName() + " lacks its benchmark script missing.py", e.getMessage());
    }

    @Test
    void theFiguresOfARepeatedMeasurementAreItsSpread() throws Exception {
        Result result = sh.run(script("echo '{\"step\": {\"ms\": [3, 1, 2]}, \"one\": 5, \"words\": [\"a\"]}'"), List.of());
        assertEquals(new Spread(1, 2, 3, 3), result.spread("step", "ms"));
        assertEquals(Spread.single(5), result.spread("one"));
        assertNull(result.spread("words"));
        assertNull(result.spread("step", "missing"));
    }
}
