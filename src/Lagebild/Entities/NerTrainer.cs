using System.Diagnostics;
using System.Globalization;

namespace Lagebild.Entities;

/// <summary>Settings of a training run.</summary>
public sealed class NerTrainOptions
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>log2 of the number of hashed feature rows.</summary>
    public int Bits { get; set; } = 20;

    /// <summary>Seed of the shuffling.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// With a tuning dev set, keep the averaged weights of the epoch that scored best on it (early stopping);
    /// otherwise the last epoch's.
    /// </summary>
    public bool KeepBestEpoch { get; set; } = true;

    /// <summary>Progress lines.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>Free text stored in the model (command, corpora).</summary>
    public string Description { get; set; } = "";
}

/// <summary>
/// Trains a <see cref="NerModel"/> with the averaged structured perceptron (Collins 2002): Viterbi decoding
/// under BIO constraints with the current weights, and on a mistake +1 for the gold labels' features and
/// transitions, −1 for the predicted ones; the model keeps the average of the weights over all updates
/// (kept lazily: w − u / c).
/// </summary>
public static class NerTrainer
{
    private const int S = NerModel.Stride;

    /// <param name="train">Training sentences (tags in <see cref="NerLabels.All"/>).</param>
    /// <param name="dev">Tuning dev set: scored after each epoch; picks the epoch when <see cref="NerTrainOptions.KeepBestEpoch"/>.</param>
    /// <param name="report">Evaluation-only sets: scored and logged after each epoch, never used for any decision.</param>
    public static NerModel Train(IReadOnlyList<NerSentence> train, IReadOnlyList<NerSentence>? dev, NerLexicon lexicon, NerTrainOptions options,
        IReadOnlyList<(string Name, IReadOnlyList<NerSentence> Sentences)>? report = null)
    {
        var log = options.Log ?? (_ => { });
        var features = new NerFeatures(lexicon, options.Bits);
        var clock = Stopwatch.StartNew();

        // Features of every training sentence, extracted once (in parallel).
        var feats = new int[train.Count][];
        var offs = new int[train.Count][];
        var gold = new int[train.Count][];
        Parallel.For(0, train.Count, () => (F: new int[4096], O: new int[64], T: new NerFeatures.Tok[64]), (s, _, ws) =>
        {
            var sentence = train[s];
            features.Extract(sentence.Tokens, ref ws.F, ref ws.O, ref ws.T);
            int n = sentence.Tokens.Length;
            offs[s] = ws.O[..(n + 1)];
            feats[s] = ws.F[..ws.O[n]];
            gold[s] = [.. sentence.Tags.Select(NerLabels.Id)];
            return ws;
        }, _ => { });
        long totalFeatures = feats.Sum(f => (long)f.Length);
        log(string.Create(CultureInfo.InvariantCulture, $"features: {train.Count} sentences, {train.Sum(s => s.Tokens.Length)} tokens, {totalFeatures / (double)Math.Max(1, train.Sum(s => s.Tokens.Length)):0.0} rows per token, {clock.Elapsed.TotalSeconds:0.0} s"));

        int rows = 1 << options.Bits;
        var w = new float[rows * S];
        var u = new double[rows * S];
        var t = new float[S * S];
        var tu = new double[S * S];
        double c = 1;
        int maxLen = train.Count == 0 ? 1 : train.Max(s => s.Tokens.Length);
        var scores = new float[maxLen * S];
        var delta = new float[maxLen * S];
        var back = new int[maxLen * S];
        var pred = new int[maxLen];
        var order = Enumerable.Range(0, train.Count).ToArray();
        var rng = new Random(options.Seed);

        NerModel? best = null;
        double bestF1 = -1;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            int mistakes = 0;
            foreach (int s in order)
            {
                var f = feats[s];
                var o = offs[s];
                var g = gold[s];
                int n = g.Length;
                if (n == 0)
                    continue;
                NerModel.Emissions(w, f, o, n, scores);
                NerModel.Viterbi(scores, t, n, pred, delta, back);
                bool wrong = false;
                for (int i = 0; i < n; i++)
                {
                    int gi = g[i], pi = pred[i];
                    if (gi == pi)
                        continue;
                    wrong = true;
                    for (int k = o[i]; k < o[i + 1]; k++)
                    {
                        int r = f[k] * S;
                        w[r + gi] += 1;
                        u[r + gi] += c;
                        w[r + pi] -= 1;
                        u[r + pi] -= c;
                    }
                }
                if (wrong)
                {
                    mistakes++;
                    for (int i = 0; i <= n; i++)
                    {
                        int gp = i == 0 ? NerModel.StartRow : g[i - 1], gc = i == n ? NerModel.StartRow : g[i];
                        int pp = i == 0 ? NerModel.StartRow : pred[i - 1], pc = i == n ? NerModel.StartRow : pred[i];
                        if (gp == pp && gc == pc)
                            continue;
                        t[gp * S + gc] += 1;
                        tu[gp * S + gc] += c;
                        t[pp * S + pc] -= 1;
                        tu[pp * S + pc] -= c;
                    }
                }
                c++;
            }

            var model = Average(features, w, u, t, tu, c, options.Description);
            var line = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: {mistakes} sentences wrong ({100.0 * mistakes / Math.Max(1, train.Count):0.0}%), {clock.Elapsed.TotalSeconds:0} s");
            if (dev is { Count: > 0 })
            {
                var score = Evaluate(model, dev);
                line += $"; dev {score.Micro}";
                if (score.Micro.F1 > bestF1)
                {
                    bestF1 = score.Micro.F1;
                    best = model;
                    bestEpoch = epoch;
                }
            }
            foreach (var (name, sentences) in report ?? [])
                line += $"; {name} (report only) {Evaluate(model, sentences).Micro}";
            log(line);
            if (dev is not { Count: > 0 } || !options.KeepBestEpoch)
                best = model;
        }
        if (dev is { Count: > 0 } && options.KeepBestEpoch)
            log(string.Create(CultureInfo.InvariantCulture, $"kept epoch {bestEpoch} (dev F1 {bestF1:0.000})"));
        return best ?? Average(features, w, u, t, tu, c, options.Description);
    }

    private static NerModel Average(NerFeatures features, float[] w, double[] u, float[] t, double[] tu, double c, string description)
    {
        var aw = new float[w.Length];
        Parallel.For(0, 8, part =>
        {
            int len = w.Length / 8, start = part * len, end = part == 7 ? w.Length : start + len;
            for (int i = start; i < end; i++)
                aw[i] = w[i] == 0 && u[i] == 0 ? 0 : (float)(w[i] - u[i] / c);
        });
        var at = new float[t.Length];
        for (int i = 0; i < t.Length; i++)
            at[i] = (float)(t[i] - tu[i] / c);
        return new NerModel(features, aw, at, description);
    }

    /// <summary>Tags every sentence with <paramref name="model"/> and scores it against the sentences' tags.</summary>
    public static NerScore Evaluate(NerModel model, IReadOnlyList<NerSentence> sentences)
    {
        var tagger = new NerTagger(model);
        var predicted = new IReadOnlyList<string>[sentences.Count];
        Parallel.For(0, sentences.Count, i => predicted[i] = tagger.Tag(sentences[i].Tokens));
        return NerScore.Of(sentences, predicted);
    }
}
