package io.timelapse.platform.shell.cluster;

import java.util.ArrayList;
import java.util.List;

/** Task indices as Slurm's {@code --array} writes them: {@code 0-3,7,9-10}. */
final class Ranges {

    private Ranges() {}

    /** @param sorted ascending, distinct indices */
    static String of(List<Integer> sorted) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            parts.add(i == j ? sorted.get(i).toString() : sorted.get(i) + "-" + sorted.get(j));
            i = j + 1;
        }
        return String.join(",", parts);
    }
}
