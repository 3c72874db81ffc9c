package io.timelapse.platform.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.platform.lm.cli.LmCommand;
import io.timelapse.testkit.HelpCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every lm command's help is complete, as {@link HelpCheck} defines it. */
class LmHelpTest {

    @Test
    void everyCommandHasCompleteHelp() {
        assertEquals(List.of(), HelpCheck.problemsTopLevel(new LmCommand(null, null, null, null)));
    }
}
