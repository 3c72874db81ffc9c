package io.timelapse.plugin.openfold.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Reduced training sets: deterministic subsamples by seed, and elision of chains by label or family. */
public final class DatasetSplits {

    private DatasetSplits() {}

    /** {@code count} chains drawn without replacement; the same seed and manifest give the same subset, in manifest order. */
    public static DatasetManifest subsample(DatasetManifest manifest, int count, long seed) {
        List<DatasetManifest.Entry> chains = manifest.chains();
        if (count < 0 || count > chains.size()) {
            throw new IllegalArgumentException("cannot draw " + count + " of " + chains.size() + " chains");
        }
        int[] order = new int[chains.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(order, count);
        java.util.Arrays.sort(chosen);
        List<DatasetManifest.Entry> kept = new ArrayList<>();
        for (int i : chosen) {
            kept.add(chains.get(i));
        }
        return manifest.withChains(manifest.description() + "; subsample of " + count + " with seed " + seed, kept);
    }

    /** Every chain except those whose secondary-structure label is {@code label}. */
    public static DatasetManifest elideLabel(DatasetManifest manifest, SecondaryStructure.Label label) {
        List<DatasetManifest.Entry> kept = manifest.chains().stream()
                .filter(e -> !e.ssLabel().equals(label.text())).toList();
        return manifest.withChains(manifest.description() + "; " + label.text() + " elided", kept);
    }

    /** Only the chains of the given family (e.g. train on one family, test on another). */
    public static DatasetManifest family(DatasetManifest manifest, String family, boolean keep) {
        List<DatasetManifest.Entry> kept = manifest.chains().stream()
                .filter(e -> e.family().equals(family) == keep).toList();
        return manifest.withChains(manifest.description() + "; family " + family + (keep ? " only" : " elided"), kept);
    }

    /** Every chain except those of {@code other} (named {@code name} in the description), for a training pool disjoint from a held-out split. */
    public static DatasetManifest exclude(DatasetManifest manifest, DatasetManifest other, String name) {
        java.util.Set<String> held = new java.util.HashSet<>();
        other.chains().forEach(e -> held.add(e.id()));
        List<DatasetManifest.Entry> kept = manifest.chains().stream().filter(e -> !held.contains(e.id())).toList();
        return manifest.withChains(manifest.description() + "; without the chains of " + name, kept);
    }

    /** Chains sorted by id, for stable listings. */
    public static List<DatasetManifest.Entry> sortedById(DatasetManifest manifest) {
        return manifest.chains().stream().sorted(Comparator.comparing(DatasetManifest.Entry::id)).toList();
    }
}
