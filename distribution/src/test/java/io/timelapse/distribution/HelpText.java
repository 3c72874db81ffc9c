package io.timelapse.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command's {@code --help} as picocli lays it out: the synopsis, the description, one row per
 * option or parameter (name, then its description, wrapped onto indented lines), the commands of
 * a group, and a footer.
 */
record HelpText(String description, List<Entry> arguments, List<Entry> commands) {

    /** An option, a parameter or a command, with its description. */
    record Entry(String name, String description) {}

    /**
     * An option row starts in the short-option column ({@code -h, }) or the long-option column; its
     * name (no spaces but after a comma) ends at the next space, just one where the name fills its column.
     */
    private static final Pattern ARGUMENT = Pattern.compile("^(?:  -\\S, | {6})(\\S+(?:, \\S+)*)(?: +(.*))?$");
    private static final Pattern COMMAND = Pattern.compile("^  (\\S+)(?: {2,}(.*))?$");

    private enum Section { SYNOPSIS, DESCRIPTION, ARGUMENTS, COMMANDS, FOOTER }

    static HelpText parse(String help) {
        List<String> description = new ArrayList<>();
        List<Entry> arguments = new ArrayList<>();
        List<Entry> commands = new ArrayList<>();
        Section section = Section.SYNOPSIS;
        for (String line : help.split("\n")) {
            Matcher argument = ARGUMENT.matcher(line);
            if (line.equals("Commands:")) {
                section = Section.COMMANDS;
            } else if (section == Section.SYNOPSIS && line.startsWith("Usage:")) {
                continue;
            } else if ((section == Section.SYNOPSIS || section == Section.DESCRIPTION || section == Section.ARGUMENTS) && argument.matches()) {
                section = Section.ARGUMENTS;
                arguments.add(new Entry(argument.group(1), argument.group(2) == null ? "" : argument.group(2)));
            } else if (section == Section.ARGUMENTS && line.startsWith("       ")) {
                arguments.set(arguments.size() - 1, continued(arguments.get(arguments.size() - 1), line));
            } else if (section == Section.COMMANDS && COMMAND.matcher(line).matches()) {
                Matcher command = COMMAND.matcher(line);
                command.matches();
                commands.add(new Entry(command.group(1), command.group(2) == null ? "" : command.group(2)));
            } else if (section == Section.COMMANDS && line.startsWith("   ") && !commands.isEmpty()) {
                commands.set(commands.size() - 1, continued(commands.get(commands.size() - 1), line));
            } else if ((section == Section.SYNOPSIS || section == Section.DESCRIPTION) && !line.isEmpty() && !line.startsWith(" ")) {
                section = Section.DESCRIPTION;
                description.add(line.strip());
            } else if (!line.isBlank() && !line.startsWith(" ") && section != Section.SYNOPSIS) {
                section = Section.FOOTER;
            }
        }
        return new HelpText(String.join(" ", description), arguments, commands);
    }

    private static Entry continued(Entry entry, String line) {
        String text = entry.description().isEmpty() ? line.strip() : entry.description() + " " + line.strip();
        return new Entry(entry.name(), text);
    }
}
