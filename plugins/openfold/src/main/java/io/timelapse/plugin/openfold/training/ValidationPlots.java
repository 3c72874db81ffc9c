package io.timelapse.plugin.openfold.training;

import io.timelapse.lib.plot.FigureSize;
import io.timelapse.lib.plot.LinePlot;
import io.timelapse.lib.plot.Scale;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a run's {@code validation.csv}: the mean lDDT-Cα and GDT-TS of the validation chains of each family
 * against the step, so that a run trained on one family shows how it does on another.
 */
public final class ValidationPlots {

    /** The file names (without .png/.svg) of the figures. */
    public static final List<String> NAMES = List.of("validation_lddt_ca_vs_step", "validation_gdt_ts_vs_step");

    private ValidationPlots() {}

    /**
     * Reads {@code csv} (step,chain,residues,lddt_ca,gdt_ts,…) and writes the figures into {@code directory};
     * {@code families} gives each chain's family.
     */
    public static void write(Path csv, Map<String, String> families, Path directory) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        write(lines, families, directory, NAMES.get(0), "Validation lDDT-Cα (averaged weights)", "lDDT-Cα", 3);
        write(lines, families, directory, NAMES.get(1), "Validation GDT-TS (averaged weights)", "GDT-TS", 4);
    }

    private static void write(List<String> lines, Map<String, String> families, Path directory, String name, String title,
            String label, int column) throws IOException {
        Map<String, TreeMap<Long, double[]>> sums = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            String family = families.getOrDefault(cells[1], "other");
            double[] sum = sums.computeIfAbsent(family, f -> new TreeMap<>()).computeIfAbsent(Long.parseLong(cells[0]), s -> new double[2]);
            sum[0] += Double.parseDouble(cells[column]);
            sum[1]++;
        }
        LinePlot plot = LinePlot.of(title).size(FigureSize.WIDE).xAxis("training step", Scale.LINEAR).yAxis(label, Scale.LINEAR);
        sums.forEach((family, bySteps) -> plot.series(family + " (" + (int) bySteps.firstEntry().getValue()[1] + " chains)",
                bySteps.keySet().stream().mapToDouble(Long::doubleValue).toArray(),
                bySteps.values().stream().mapToDouble(sum -> sum[0] / sum[1]).toArray()));
        plot.write(directory, name);
    }
}
