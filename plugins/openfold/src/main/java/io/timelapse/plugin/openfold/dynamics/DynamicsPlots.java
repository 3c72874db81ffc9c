package io.timelapse.plugin.openfold.dynamics;

import io.timelapse.lib.plot.FigureSize;
import io.timelapse.lib.plot.LinePlot;
import io.timelapse.lib.plot.Scale;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * The probe's figures, each against the training step on a linear and on a log axis (where step 0 is left out): the
 * variance shares of the first and first two principal axes with the true structure's as dashed references, the
 * radius of gyration (truth dashed), lDDT-Cα, and the helix and strand fractions. Every figure marks each chain's
 * detected transitions to planar and to 3-D predictions with grey dashed vertical lines.
 */
public final class DynamicsPlots {

    /** The file names (without .png/.svg) of the figures on a linear step axis; {@code _log} is added for the log axis. */
    public static final List<String> NAMES = List.of("variance_share_vs_step", "radius_of_gyration_vs_step", "lddt_ca_vs_step",
            "secondary_structure_vs_step");

    private record Quantity(String label, ToDoubleFunction<ProbeRow> value, ToDoubleFunction<ProbeMeasures> truth) {}

    private DynamicsPlots() {}

    /** Writes every figure into {@code directory}; {@code rows}, {@code transitions} and {@code truth} are by chain. */
    public static void write(Path directory, Map<String, List<ProbeRow>> rows, Map<String, Transitions> transitions,
            Map<String, ProbeMeasures> truth) throws IOException {
        for (Scale scale : List.of(Scale.LINEAR, Scale.LOG)) {
            String suffix = scale == Scale.LOG ? "_log" : "";
            write(directory, NAMES.get(0) + suffix, "Cα variance on the principal axes", "share of variance", scale, rows,
                    transitions, truth, 1.0, List.of(new Quantity("PC1", r -> r.shape().pc1(), t -> t.shape().pc1()),
                            new Quantity("PC1+PC2", r -> r.shape().pc12(), t -> t.shape().pc12())));
            double largest = 0;
            for (List<ProbeRow> chain : rows.values()) {
                largest = Math.max(largest, chain.stream().mapToDouble(r -> r.shape().radiusOfGyration()).max().orElse(0));
            }
            for (ProbeMeasures t : truth.values()) {
                largest = Math.max(largest, t.shape().radiusOfGyration());
            }
            write(directory, NAMES.get(1) + suffix, "Radius of gyration of the Cα", "radius of gyration (Å)", scale, rows,
                    transitions, truth, largest, List.of(new Quantity("Rg", r -> r.shape().radiusOfGyration(),
                            t -> t.shape().radiusOfGyration())));
            write(directory, NAMES.get(2) + suffix, "lDDT-Cα against the truth", "lDDT-Cα", scale, rows, transitions, truth, 1.0,
                    List.of(new Quantity("lDDT-Cα", ProbeRow::lddtCa, null)));
            write(directory, NAMES.get(3) + suffix, "Secondary structure of the Cα trace", "fraction of residues", scale, rows,
                    transitions, truth, 1.0, List.of(new Quantity("helix", ProbeRow::helix, t -> t.secondaryStructure().helixFraction()),
                            new Quantity("strand", ProbeRow::strand, t -> t.secondaryStructure().strandFraction())));
        }
    }

    private static void write(Path directory, String name, String title, String yLabel, Scale scale, Map<String, List<ProbeRow>> rows,
            Map<String, Transitions> transitions, Map<String, ProbeMeasures> truth, double top, List<Quantity> quantities)
            throws IOException {
        LinePlot plot = LinePlot.of(title).size(FigureSize.WIDE)
                .xAxis(scale == Scale.LOG ? "training step (log)" : "training step", scale).yAxis(yLabel, Scale.LINEAR);
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, List<ProbeRow>> chain : rows.entrySet()) {
            List<ProbeRow> list = chain.getValue();
            double[] x = list.stream().mapToDouble(ProbeRow::step).toArray();
            for (double step : x) {
                if (scale == Scale.LINEAR || step > 0) {
                    first = Math.min(first, step);
                    last = Math.max(last, step);
                }
            }
            for (Quantity quantity : quantities) {
                plot.series(chain.getKey() + " " + quantity.label(), x, list.stream().mapToDouble(quantity.value()).toArray());
            }
        }
        if (first > last) {
            return;
        }
        for (Map.Entry<String, List<ProbeRow>> chain : rows.entrySet()) {
            ProbeMeasures reference = truth.get(chain.getKey());
            for (Quantity quantity : quantities) {
                if (quantity.truth() != null && reference != null) {
                    double y = quantity.truth().applyAsDouble(reference);
                    String series = chain.getKey() + " " + quantity.label();
                    plot.reference(series + " (truth)", new double[] {first, last}, new double[] {y, y}, series);
                }
            }
            Transitions detected = transitions.get(chain.getKey());
            if (detected != null) {
                mark(plot, chain.getKey() + " planar", detected.toPlanar(), top);
                mark(plot, chain.getKey() + " 3-D", detected.toThreeD(), top);
            }
        }
        plot.write(directory, name);
    }

    private static void mark(LinePlot plot, String name, OptionalLong step, double top) {
        if (step.isPresent()) {
            plot.reference(name + " at " + step.getAsLong(), new double[] {step.getAsLong(), step.getAsLong()}, new double[] {0, top}, null);
        }
    }
}
