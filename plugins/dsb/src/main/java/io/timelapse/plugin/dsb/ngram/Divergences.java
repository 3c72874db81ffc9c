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
