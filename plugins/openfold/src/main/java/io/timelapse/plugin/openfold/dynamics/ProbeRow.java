package io.timelapse.plugin.openfold.dynamics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One checkpoint's prediction of one probe chain: its {@link CaShape}, {@code dimension} (0–3, at the run's share
 * threshold), lDDT-Cα against the chain's true structure, the helix and strand fractions of the predicted Cα trace,
 * mean pLDDT, the seconds the prediction took and the path of its PDB file inside the run directory.
 */
public record ProbeRow(long step, String chain, CaShape shape, int dimension, double lddtCa, double helix, double strand,
        double meanPlddt, double seconds, String structure) {

    /** The columns of {@code dynamics.csv}, which are also the keys of each {@code dynamics.jsonl} line. */
    public static final List<String> COLUMNS = List.of("step", "chain", "pc1", "pc1_2", "pc1_2_3", "radius_of_gyration", "lddt_ca",
            "helix", "strand", "dimension", "mean_plddt", "seconds", "structure");

    /** The row as a JSON object's fields, in {@link #COLUMNS} order; NaN (the shares of a point) is null. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", step);
        fields.put("chain", chain);
        fields.put("pc1", finite(shape.pc1()));
        fields.put("pc1_2", finite(shape.pc12()));
        fields.put("pc1_2_3", finite(shape.pc123()));
        fields.put("radius_of_gyration", shape.radiusOfGyration());
        fields.put("lddt_ca", lddtCa);
        fields.put("helix", helix);
        fields.put("strand", strand);
        fields.put("dimension", dimension);
        fields.put("mean_plddt", meanPlddt);
        fields.put("seconds", seconds);
        fields.put("structure", structure);
        return fields;
    }

    /** The row read back from {@link #fields()}; a missing or null number is NaN. */
    public static ProbeRow of(Map<String, Object> fields) {
        return new ProbeRow(((Number) fields.get("step")).longValue(), (String) fields.get("chain"),
                new CaShape(number(fields, "pc1"), number(fields, "pc1_2"), number(fields, "pc1_2_3"), number(fields, "radius_of_gyration")),
                ((Number) fields.get("dimension")).intValue(), number(fields, "lddt_ca"), number(fields, "helix"), number(fields, "strand"),
                number(fields, "mean_plddt"), number(fields, "seconds"), (String) fields.get("structure"));
    }

    /** The row as a line of {@code dynamics.csv} (NaN written as {@code NaN}). */
    public String csv() {
        return String.format(Locale.ROOT, "%d,%s,%.6f,%.6f,%.6f,%.4f,%.6f,%.4f,%.4f,%d,%.3f,%.3f,%s", step, chain, shape.pc1(), shape.pc12(),
                shape.pc123(), shape.radiusOfGyration(), lddtCa, helix, strand, dimension, meanPlddt, seconds, structure);
    }

    private static Object finite(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static double number(Map<String, Object> fields, String key) {
        Object value = fields.get(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
