package io.timelapse.plugin.dsb.ngram;

/** KL and Jensen–Shannon divergences, in nats, between the distributions given by two logit vectors. */
public final class Divergences {

    private Divergences() {}

    /** {@code log_softmax(logits)}. */
    public static double[] logSoftmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        double logZ = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - logZ;
        }
        return out;
    }

    /** {@code KL(p || q)} from logits. */
    public static double kl(double[] logitsP, double[] logitsQ) {
        return klFromLogProbs(logSoftmax(logitsP), logSoftmax(logitsQ));
    }

    /** {@code JS(p, q) = (KL(p || m) + KL(q || m)) / 2} with {@code m = (p + q) / 2}, from logits. */
    public static double js(double[] logitsP, double[] logitsQ) {
        double[] logP = logSoftmax(logitsP);
        double[] logQ = logSoftmax(logitsQ);
        double[] logM = new double[logP.length];
        for (int i = 0; i < logP.length; i++) {
            double hi = Math.max(logP[i], logQ[i]);
            double lo = Math.min(logP[i], logQ[i]);
            logM[i] = hi == Double.NEGATIVE_INFINITY ? hi : hi + Math.log1p(Math.exp(lo - hi)) - Math.log(2);
        }
        return 0.5 * (klFromLogProbs(logP, logM) + klFromLogProbs(logQ, logM));
    }

    /**
     * {@code KL(q || p)} for an n-gram distribution {@code q} given by integer counts {@code counts[k] / total} on the
     * token ids {@code ids[k]} ({@code k} in {@code [from, to)}; every other id has probability 0) and a model
     * distribution given by its log-probabilities {@code logP} over the whole vocabulary. Equal to {@link #kl} with
     * {@code q}'s log-probabilities as the first logits, in O(nonzeros).
     */
    public static double klFromCounts(int[] ids, long[] counts, int from, int to, long total, double[] logP) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            double q = (double) counts[k] / total;
            sum += q * (Math.log(q) - logP[ids[k]]);
        }
        return sum;
    }

    /**
     * {@code JS(q, p)} for {@code q} and {@code p} as in {@link #klFromCounts}, in O(nonzeros): outside {@code q}'s
     * support {@code m = p / 2}, so those ids add {@code p log 2} to {@code KL(p || m)}.
     */
    public static double jsFromCounts(int[] ids, long[] counts, int from, int to, long total, double[] logP) {
        double inside = 0;
        double massInside = 0;
        for (int k = from; k < to; k++) {
            double q = (double) counts[k] / total;
            double logQ = Math.log(q);
            double lp = logP[ids[k]];
            double hi = Math.max(logQ, lp);
            double logM = hi + Math.log1p(Math.exp(Math.min(logQ, lp) - hi)) - Math.log(2);
            double p = Math.exp(lp);
            inside += q * (logQ - logM);
            if (p > 0) {
                inside += p * (lp - logM);
            }
            massInside += p;
        }
        return 0.5 * (inside + Math.max(0, 1 - massInside) * Math.log(2));
    }

    /** {@code sum p (log p - log q)}, skipping terms that are NaN (0 · -inf), as {@code nansum} does. */
    static double klFromLogProbs(double[] logP, double[] logQ) {
        double sum = 0;
        for (int i = 0; i < logP.length; i++) {
            double term = Math.exp(logP[i]) * (logP[i] - logQ[i]);
            if (!Double.isNaN(term)) {
                sum += term;
            }
        }
        return sum;
    }
}
