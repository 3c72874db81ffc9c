package io.timelapse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules as a test of printed help, such as the distribution's, applies them. */
class HelpRulesTest {

    @Test
    void aSentenceMayEndInAQuoteOrAParenthesis() {
        assertEquals(Optional.empty(), HelpRules.descriptionProblem("Print the rows (all of them.)"));
        assertEquals(Optional.empty(), HelpRules.descriptionProblem("Tokens of \"the text.\""));
        assertEquals(Optional.empty(), HelpRules.descriptionProblem("Rows to score (default: 8)."));
        assertEquals(Optional.of("cut off mid-sentence: 'Rows to score (default: 8)'"), HelpRules.descriptionProblem("Rows to score (default: 8)"));
        assertEquals(Optional.of("no description"), HelpRules.descriptionProblem("  "));
    }

    @Test
    void labelsPicocliMadeUp() {
        assertEquals(Optional.of("picocli's made-up label <size> (give it a paramLabel)"), HelpRules.labelProblem("--size=<size>"));
        assertEquals(Optional.of("picocli's made-up label <arg2> (give it a paramLabel)"), HelpRules.labelProblem("<arg2>"));
        assertEquals(Optional.empty(), HelpRules.labelProblem("--predictor=[LABEL=]TABLE"));
    }

    @Test
    void printedHelp() {
        assertEquals(List.of(), HelpRules.renderingProblems("Usage: timelapse pythia info FILE\n", ""));
        assertEquals(List.of("printed on standard error: [picocli WARN] Could not format 'x'",
                "unnamed parameter label <arg2>", "unresolved variable ${DEFAULT-VALUE}"),
                HelpRules.renderingProblems("Usage: build <arg2>\n  --rows=N   Rows (default: ${DEFAULT-VALUE}).\n",
                        "[picocli WARN] Could not format 'x'\n(Conversion = 'm')\n"));
    }
}
