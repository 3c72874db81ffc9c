package io.timelapse.plugin.pythia.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The rows every timed read reads, the same for Timelapse and numpy. A cold read takes a step (or, at random rows, a
 * region of steps) that no other cold read of its corpus takes, since a process keeps the pages it has touched; warm
 * reads take random steps and random rows of the whole corpus.
 */
public final class Schedule {

    /** Steps a cold read at random rows picks its rows from. */
    static final int REGION_STEPS = 8;

    private final List<Batch> warmSteps;
    private final List<Batch> warmRows;
    private final Map<String, List<Batch>> cold;

    private Schedule(List<Batch> warmSteps, List<Batch> warmRows, Map<String, List<Batch>> cold) {
        this.warmSteps = warmSteps;
        this.warmRows = warmRows;
        this.cold = cold;
    }

    /** Steps of a corpus that {@code rounds} cold rounds of {@code ways} take. */
    public static long coldStepsNeeded(List<ReadWay> ways, int rounds) {
        return (long) rounds * ways.stream().mapToInt(way -> way.random() ? REGION_STEPS : 1).sum();
    }

    /**
     * @param corpora the ways each corpus is read, by corpus name; every corpus has {@code rows} rows
     * @param rounds cold rounds (0 for none)
     */
    public static Schedule of(long rows, int batch, Map<String, List<ReadWay>> corpora, int rounds, int repeats, long seed) {
        long steps = rows / batch;
        SplittableRandom random = new SplittableRandom(seed);
        List<Batch> warmSteps = new ArrayList<>();
        List<Batch> warmRows = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            warmSteps.add(Batch.step(random.nextLong(steps) * batch));
            long[] picked = new long[batch];
            for (int r = 0; r < batch; r++) {
                picked[r] = random.nextLong(rows);
            }
            warmRows.add(Batch.rows(picked));
        }
        Map<String, List<Batch>> cold = new HashMap<>();
        for (Map.Entry<String, List<ReadWay>> corpus : corpora.entrySet()) {
            List<Long> pool = new ArrayList<>();
            for (long s = 0; s < steps; s++) {
                pool.add(s);
            }
            Collections.shuffle(pool, new Random(random.nextLong()));
            int next = 0;
            for (int round = 0; round < rounds; round++) {
                for (ReadWay way : corpus.getValue()) {
                    Batch taken;
                    if (way.random()) {
                        taken = regionRows(pool.subList(next, next + REGION_STEPS), batch, random);
                        next += REGION_STEPS;
                    } else {
                        taken = Batch.step(pool.get(next++) * batch);
                    }
                    cold.computeIfAbsent(key(corpus.getKey(), way), k -> new ArrayList<>()).add(taken);
                }
            }
        }
        return new Schedule(warmSteps, warmRows, cold);
    }

    /** {@code batch} distinct rows at random from the rows of {@code steps}. */
    private static Batch regionRows(List<Long> steps, int batch, SplittableRandom random) {
        long[] region = new long[steps.size() * batch];
        for (int s = 0; s < steps.size(); s++) {
            for (int r = 0; r < batch; r++) {
                region[s * batch + r] = steps.get(s) * batch + r;
            }
        }
        for (int i = 0; i < batch; i++) {
            int j = i + random.nextInt(region.length - i);
            long swap = region[i];
            region[i] = region[j];
            region[j] = swap;
        }
        long[] rows = new long[batch];
        System.arraycopy(region, 0, rows, 0, batch);
        return Batch.rows(rows);
    }

    private static String key(String corpus, ReadWay way) {
        return corpus + "/" + way.key();
    }

    /** The warm reads of a way: random steps, or random rows. */
    public List<Batch> warm(ReadWay way) {
        return way.random() ? warmRows : warmSteps;
    }

    /** The cold reads of a way on a corpus, one per round. */
    public List<Batch> cold(String corpus, ReadWay way) {
        return cold.getOrDefault(key(corpus, way), List.of());
    }
}
