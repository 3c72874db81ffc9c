package io.timelapse.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks that a command's {@code --help}, and that of each of its sub-commands, is complete, as
 * {@link HelpRules} defines it. The help is rendered as the shell renders it (with the options
 * every command shares and the shell's defaults, through the same code as {@link CommandTester}),
 * then held to the rules: nothing on standard error (picocli's warnings), no {@code <argN>} or other
 * label picocli made up, no unresolved {@code ${...}}, a description whose first line (the summary
 * listed under its group) and whole text are complete sentences, and every option and parameter
 * shown and described in complete sentences.
 *
 * <pre>{@code
 * assertEquals(List.of(), HelpCheck.problems("hello", new GreetCommand(null, null)));
 * }</pre>
 *
 * @since 1.1
 */
public final class HelpCheck {

    private HelpCheck() {}

    /** The problems of {@code timelapse <plugin> <command> --help} and its sub-commands', each naming its command; empty when there are none. */
    public static List<String> problems(String plugin, Object command) {
        return problems(CommandTester.underPlugin(plugin, command));
    }

    /** The problems of a platform command's help, {@code timelapse <command> --help}, and its sub-commands'. */
    public static List<String> problemsTopLevel(Object command) {
        return problems(CommandTester.topLevel(command));
    }

    private static List<String> problems(CommandLine command) {
        List<String> problems = new ArrayList<>();
        CommandSpec spec = command.getCommandSpec();
        String name = spec.qualifiedName(" ");
        CommandTester.Result help = render(command);
        if (help.exitCode() != 0) {
            problems.add(name + ": --help exits " + help.exitCode() + ": " + help.err().strip());
        } else {
            HelpRules.renderingProblems(help.out(), help.err()).forEach(problem -> problems.add(name + ": " + problem));
            spec.args().stream().filter(arg -> !arg.hidden() && !help.out().contains(label(arg)))
                    .forEach(arg -> problems.add(name + ": help does not show " + label(arg)));
        }
        problems.addAll(descriptionProblems(name, spec));
        for (ArgSpec arg : spec.args()) {
            if (!arg.hidden()) {
                problems.addAll(argumentProblems(name + " " + label(arg), arg));
            }
        }
        for (CommandLine sub : new LinkedHashSet<>(command.getSubcommands().values())) {
            problems.addAll(problems(sub));
        }
        return problems;
    }

    /** The help the shell prints, with what it and picocli (on {@code System.err}) printed as errors while rendering it. */
    private static CommandTester.Result render(CommandLine command) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CommandTester.Result result;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            result = CommandTester.run(command, () -> null, "--help");
        } finally {
            System.setErr(stderr);
        }
        // Picocli's own lines only: a library's notice on its first use in the test JVM is no part of the help.
        String printed = captured.toString(StandardCharsets.UTF_8);
        String picocli = printed.contains("[picocli ") ? printed.substring(printed.indexOf("[picocli ")) : "";
        return new CommandTester.Result(result.exitCode(), result.out(), result.err() + picocli);
    }

    private static List<String> descriptionProblems(String name, CommandSpec spec) {
        String shown = String.join("\n", spec.usageMessage().description());
        String[] lines = shown.split("\n|%n", -1);
        List<String> problems = new ArrayList<>();
        HelpRules.descriptionProblem(lines[0]).ifPresent(problem -> problems.add(name + ": summary (the description's first line) " + problem));
        if (lines.length > 1) {
            HelpRules.descriptionProblem(String.join(" ", lines)).ifPresent(problem -> problems.add(name + ": description " + problem));
        }
        String written = written(spec, () -> String.join("\n", spec.usageMessage().description()));
        HelpRules.variableProblem(written, shown).ifPresent(problem -> problems.add(name + ": description " + problem));
        return problems;
    }

    private static List<String> argumentProblems(String where, ArgSpec arg) {
        List<String> problems = new ArrayList<>();
        String shown = String.join(" ", arg.description());
        HelpRules.descriptionProblem(shown).ifPresent(problem -> problems.add(where + ": " + problem));
        String written = written(arg.command(), () -> String.join(" ", arg.description()));
        HelpRules.variableProblem(written, shown).ifPresent(problem -> problems.add(where + ": " + problem));
        if (arg.arity().max() > 0) {
            HelpRules.labelProblem(arg.paramLabel()).ifPresent(problem -> problems.add(where + ": " + problem));
        }
        return problems;
    }

    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    /** A text as its author wrote it, before picocli replaced its variables. */
    private static String written(CommandSpec spec, Supplier<String> text) {
        Boolean interpolate = spec.interpolateVariables();
        spec.interpolateVariables(false);
        try {
            return text.get();
        } finally {
            spec.interpolateVariables(interpolate);
        }
    }
}
