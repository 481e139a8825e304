namespace Lagebild.Stories;

/// <summary>
/// Learns a <see cref="StoryVerifier"/> from articles with gold stories (an id → story map, as the scorer's gold file
/// gives). Each round clusters the articles as a stream would see them, with the previous round's model (the first with
/// the join threshold alone), and records every candidate pair the model was asked about: its features, and whether
/// most articles of the candidate story at that moment share the article's gold story. The next model is fitted to
/// those pairs. Learning on the pairs the clusterer really meets (not on all pairs) fits the model to its own mistakes.
/// </summary>
public static class StoryVerifierTraining
{
    /// <summary>Hidden units of the models <see cref="Train"/> fits, unless told otherwise.</summary>
    public const int DefaultHiddenUnits = 8;

    /// <summary>Seeded starts averaged into each model <see cref="Train"/> fits, unless told otherwise.</summary>
    public const int DefaultSeeds = 5;

    /// <summary>One round's result: the pairs met and the model fitted to them.</summary>
    public sealed record Round(int Pairs, int Same, StoryVerifier Model);

    /// <summary>Runs <paramref name="rounds"/> rounds; returns each round (the last one's model is the result).</summary>
    /// <param name="articles">The articles' signals, in input order (clustered in publication order).</param>
    /// <param name="gold">Gold story of each article id; articles without one take part but give no pairs.</param>
    /// <param name="options">Clustering settings (their <see cref="ClusterOptions.Verifier"/> is replaced each round).</param>
    /// <param name="rounds">Rounds of clustering and fitting (the first with the join threshold alone).</param>
    /// <param name="threshold">The probability the models ask for a join.</param>
    /// <param name="about">Written into the model (what it was trained on).</param>
    /// <param name="progress">Told after each round.</param>
    /// <param name="hidden">Hidden units of the models (0: logistic regression; see <see cref="StoryVerifier.Fit"/>).</param>
    /// <param name="seeds">Fits from this many seeded starts averaged into each model (with hidden units).</param>
    /// <exception cref="ArgumentException">The articles yield no pairs of both kinds (nothing to learn from).</exception>
    public static IReadOnlyList<Round> Train(IReadOnlyList<RawSignals> articles, IReadOnlyDictionary<string, string> gold, ClusterOptions? options = null,
        int rounds = 3, double threshold = StoryVerifier.DefaultThreshold, string? about = null, Action<Round>? progress = null, int hidden = DefaultHiddenUnits,
        int seeds = DefaultSeeds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        options ??= ClusterOptions.Default;
        StoryVerifier? model = null;
        var result = new List<Round>();
        for (int r = 0; r < rounds; r++)
        {
            var pairs = Pairs(articles, gold, options with { Verifier = model });
            model = StoryVerifier.Fit(pairs, threshold, about, hidden: hidden, seeds: seeds);
            var round = new Round(pairs.Count, pairs.Count(p => p.Same), model);
            result.Add(round);
            progress?.Invoke(round);
        }
        return result;
    }

    /// <summary>The candidate pairs met when clustering <paramref name="articles"/> with <paramref name="options"/>, labelled by <paramref name="gold"/>.</summary>
    public static List<(double[] Features, bool Same)> Pairs(IReadOnlyList<RawSignals> articles, IReadOnlyDictionary<string, string> gold, ClusterOptions options)
    {
        // Without a verifier (the first round) the clusterer still reports the pairs, and the join threshold decides.
        // (Without second looks: their merges would move articles between the stories the pairs are labelled by.)
        var clusterer = new StoryClusterer(options with { SecondLookThreshold = 0 });
        var signals = articles.Select(a => StorySignals.Intern(a, clusterer.Terms)).ToArray();
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var pairs = new List<(double[], bool)>();
        clusterer.CandidateObserver = (article, candidates) =>
        {
            if (!gold.TryGetValue(article.Id, out var story))
                return;
            foreach (var (id, features) in candidates)
            {
                if (members.TryGetValue(id, out var list) && Majority(list, gold) is { } majority)
                    pairs.Add((features, majority == story));
            }
        };
        foreach (int i in StoryBatch.ArrivalOrder(signals))
        {
            var decision = clusterer.Add(signals[i]);
            foreach (var absorbed in decision.Merged)
            {
                if (members.Remove(absorbed, out var moved))
                    Members(decision.Story).AddRange(moved);
            }
            Members(decision.Story).Add(signals[i].Id);
        }
        return pairs;

        List<string> Members(string id)
        {
            if (!members.TryGetValue(id, out var list))
                members[id] = list = [];
            return list;
        }
    }

    // The gold story most of the articles hold (ties: the first met), null when none has one.
    private static string? Majority(List<string> articles, IReadOnlyDictionary<string, string> gold)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? best = null;
        int top = 0;
        foreach (var a in articles)
        {
            if (!gold.TryGetValue(a, out var g))
                continue;
            int c = counts[g] = counts.GetValueOrDefault(g) + 1;
            if (c > top)
            {
                top = c;
                best = g;
            }
        }
        return best;
    }
}
