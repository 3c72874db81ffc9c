package io.timelapse.platform.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequirementTextTest {

    @Test
    void boundedRangeReadsLikeBnd() {
        RequirementText text = RequirementText.parse(
                "(&(osgi.wiring.package=io.timelapse.compute)(version>=2.0.0)(!(version>=3.0.0)))", null);
        assertEquals("io.timelapse.compute", text.packageName());
        assertEquals("io.timelapse.compute [2.0,3.0)", text.describe());
        assertFalse(text.optional());
    }

    @Test
    void openRangeAndNoVersion() {
        assertEquals("org.slf4j 1.7.0+", RequirementText.parse("(&(osgi.wiring.package=org.slf4j)(version>=1.7.0))", null).describe());
        assertEquals("java.util", RequirementText.parse("(osgi.wiring.package=java.util)", null).describe());
    }

    @Test
    void microVersionsAreKept() {
        assertEquals("a.b [1.2.3,2.0)",
                RequirementText.parse("(&(osgi.wiring.package=a.b)(version>=1.2.3)(!(version>=2.0.0)))", null).describe());
    }

    @Test
    void optionalResolutionIsRecognised() {
        assertTrue(RequirementText.parse("(osgi.wiring.package=javax.annotation)", "optional").optional());
    }
}
