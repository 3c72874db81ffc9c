package io.timelapse.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What complete help is, judged on text as a user reads it. {@link HelpCheck} holds a command's
 * model to these rules; a test that only has printed help, such as one of a whole distribution,
 * can hold that text to the same rules.
 *
 * @since 1.1
 */
public final class HelpRules {

    private static final Pattern UNNAMED_LABEL = Pattern.compile("<arg\\d+>");
    /** Picocli labels a value it was given no {@code paramLabel} for with its field's name: {@code --size=<size>}. */
    private static final Pattern MADE_UP_LABEL = Pattern.compile("<\\w+>");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}?");
    /** A sentence ends in {@code .}, {@code !} or {@code ?}, perhaps then closing quotes or parentheses. */
    private static final Pattern SENTENCE = Pattern.compile("(?s).*[.!?][\"')]*");
    /** What picocli shows for a variable it cannot resolve. */
    private static final Pattern NULL = Pattern.compile("\\bnull\\b");
    /** "(default: 1024)." and the like, which say what an option is set to, not what it is for. */
    private static final Pattern DEFAULT = Pattern.compile("(?i)\\(?default: [^)]*\\)?\\.?");

    private HelpRules() {}

    /**
     * What is wrong with printed help: anything on standard error while it was rendered (such as
     * picocli's {@code [picocli WARN] Could not format ...}), an unnamed {@code <argN>} label, an
     * unresolved {@code ${...}}. Empty when nothing is.
     */
    public static List<String> renderingProblems(String help, String stderr) {
        List<String> problems = new ArrayList<>();
        if (!stderr.isBlank()) {
            problems.add("printed on standard error: " + stderr.strip().lines().findFirst().orElse(""));
        }
        Matcher label = UNNAMED_LABEL.matcher(help);
        if (label.find()) {
            problems.add("unnamed parameter label " + label.group());
        }
        Matcher variable = VARIABLE.matcher(help);
        if (variable.find()) {
            problems.add("unresolved variable " + variable.group());
        }
        return problems;
    }

    /**
     * A label picocli made up, in an option's or a parameter's label or in the name column of its
     * help ({@code --size=<size>}, {@code <arg2>}); empty when the author named the value.
     */
    public static Optional<String> labelProblem(String label) {
        Matcher madeUp = MADE_UP_LABEL.matcher(label);
        return madeUp.find() ? Optional.of("picocli's made-up label " + madeUp.group() + " (give it a paramLabel)") : Optional.empty();
    }

    /**
     * What is wrong with a description, empty when it is whole: it must be there, begin as a
     * sentence does, end as one does (not cut off mid-sentence), and say more than a default value.
     */
    public static Optional<String> descriptionProblem(String description) {
        String text = description.strip();
        if (text.isEmpty()) {
            return Optional.of("no description");
        }
        if (!SENTENCE.matcher(text).matches()) {
            return Optional.of("cut off mid-sentence: '" + tail(text) + "'");
        }
        if (Character.isLowerCase(text.codePointAt(0))) {
            return Optional.of("does not begin a sentence: '" + head(text) + "'");
        }
        String said = DEFAULT.matcher(text).replaceAll("").strip();
        if (said.split("\\s+").length < 2) {
            return Optional.of("says nothing but its default: '" + text + "'");
        }
        return Optional.empty();
    }

    /**
     * A variable picocli could not resolve, such as {@code ${DEFAULT-VALUE}} of an option without a
     * default: picocli shows it as {@code null}, so {@code shown} says {@code null} more often than
     * {@code written} does.
     */
    static Optional<String> variableProblem(String written, String shown) {
        if (NULL.matcher(shown).results().count() > NULL.matcher(written).results().count()) {
            return Optional.of("a variable shows as null: '" + written.strip() + "'");
        }
        return Optional.empty();
    }

    private static String tail(String text) {
        return text.length() <= 60 ? text : "…" + text.substring(text.length() - 60);
    }

    private static String head(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
