namespace Lagebild.Evaluation;

/// <summary>BCubed and pairwise precision, recall and F1 of a clustering; the same figures as <c>score_clusters.py</c>.</summary>
public sealed record ClusterScore(int Items, int GoldClusters, int PredictedClusters,
    double PairPrecision, double PairRecall, double PairF1, double Precision, double Recall, double F1)
{
    public override string ToString() =>
        $"articles={Items} gold_clusters={GoldClusters} predicted_clusters={PredictedClusters}\n"
        + $"pairwise: precision={PairPrecision:F3} recall={PairRecall:F3} f1={PairF1:F3}\n"
        + $"bcubed: precision={Precision:F3} recall={Recall:F3} f1={F1:F3}";
}

/// <summary>
/// Scores predicted story ids against gold clusters. Items missing from the prediction count as
/// singletons; predicted items absent from the gold are ignored (as the shared scorer does).
/// </summary>
public static class ClusterScorer
{
    public static ClusterScore Score(IReadOnlyDictionary<string, string> gold, IReadOnlyDictionary<string, string> predicted)
    {
        var pred = gold.Keys.ToDictionary(id => id, id => predicted.TryGetValue(id, out var s) ? "p:" + s : "single:" + id, StringComparer.Ordinal);
        var goldSizes = gold.Values.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var predSizes = pred.Values.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var both = gold.Keys.GroupBy(id => (gold[id], pred[id])).ToDictionary(g => g.Key, g => g.Count());
        double p = 0, r = 0;
        foreach (var id in gold.Keys)
        {
            int same = both[(gold[id], pred[id])];
            p += (double)same / predSizes[pred[id]];
            r += (double)same / goldSizes[gold[id]];
        }
        int n = gold.Count;
        p = n == 0 ? 0 : p / n;
        r = n == 0 ? 0 : r / n;
        static long Pairs(long k) => k * (k - 1) / 2;
        long tp = both.Values.Sum(k => Pairs(k)), pp = predSizes.Values.Sum(k => Pairs(k)), gp = goldSizes.Values.Sum(k => Pairs(k));
        double pwP = pp == 0 ? 1 : (double)tp / pp, pwR = gp == 0 ? 1 : (double)tp / gp;
        return new ClusterScore(n, goldSizes.Count, predSizes.Count, pwP, pwR, F(pwP, pwR), p, r, F(p, r));
    }

    private static double F(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
