package io.timelapse.plugin.memorization.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.testkit.CommandTester.Result;
import java.nio.file.Files;
import java.nio.file.Path;

/** Assertions on refused command lines. */
final class Usage {

    private Usage() {}

    /** A usage error: exit code 2, {@code message} on stderr, no stack trace, and no run directory at {@code out}. */
    static void assertRefused(Result result, String message, Path out) {
        String all = result.out() + result.err();
        assertEquals(2, result.exitCode(), all);
        assertTrue(result.err().contains(message), "expected '" + message + "' in: " + result.err());
        assertFalse(all.contains("Exception"), all);
        assertFalse(all.contains("\tat "), all);
        assertFalse(Files.exists(out), "a refused command leaves no run directory: " + out);
    }
}
