package io.timelapse.plugin.dsb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.api.run.Run;
import io.timelapse.api.shard.Shard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What {@code dsb probe --shard i/n} writes last into its run as {@value #FILE}: the shard, the steps of every complete
 * checkpoint it split, the options it ran with and what titles the plots, so that {@code dsb probe-merge} can check
 * that its shards belong together and write what one process would have.
 */
record ProbeShard(Shard shard, List<Long> steps, Map<String, String> options, String dataset, String net, String arch, int classes,
                  String title) {

    static final String FILE = "shard.json";

    /** Where a command runs and how verbosely, not what it computes; with the shard itself, left out of {@link #options}. */
    private static final Set<String> SHARED = Set.of("--out", "--quiet", "--log-level", "--config", "--plugins", "--shard");

    private static final ObjectMapper JSON = new ObjectMapper();

    ProbeShard {
        steps = List.copyOf(steps);
        options = Map.copyOf(options);
    }

    /** The steps this shard probes: its contiguous block of {@link #steps}. */
    List<Long> block() {
        return block(shard);
    }

    /** The steps shard {@code part} of the same job probes. */
    List<Long> block(Shard part) {
        return steps.subList((int) part.first(steps.size()), (int) part.end(steps.size()));
    }

    /** The options of {@code spec} that decide the scores, by their longest names; paths made absolute. */
    static Map<String, String> options(CommandSpec spec) {
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp() || SHARED.contains(option.longestName())) {
                continue;
            }
            Object value = option.getValue();
            options.put(option.longestName(), value instanceof Path path ? path.toAbsolutePath().normalize().toString()
                : value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value));
        }
        return options;
    }

    void write(Run run) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("shard", shard.toString());
        steps.forEach(node.putArray("steps")::add);
        ObjectNode recorded = node.putObject("options");
        options.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> recorded.put(e.getKey(), e.getValue()));
        node.put("ds", dataset).put("net", net).put("arch", arch).put("classes", classes).put("title", title);
        byte[] bytes = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        run.write(FILE, stream -> stream.write(bytes));
    }

    /** Reads the {@value #FILE} of a shard's run directory; the message of the exception names the directory. */
    static ProbeShard read(Path run) throws IOException {
        Path file = run.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(run + ": no " + FILE + " (not the run directory of a finished 'dsb probe --shard i/n')");
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            List<Long> steps = new ArrayList<>();
            node.get("steps").forEach(step -> steps.add(step.asLong()));
            Map<String, String> options = new LinkedHashMap<>();
            node.get("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
            return new ProbeShard(Shard.parse(node.get("shard").asText()), steps, options, node.get("ds").asText(), node.get("net").asText(),
                node.get("arch").asText(), node.get("classes").asInt(), node.get("title").asText());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a shard record of 'dsb probe --shard i/n' (" + e.getMessage() + ")", e);
        }
    }
}
