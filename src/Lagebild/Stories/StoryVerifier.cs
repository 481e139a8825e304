using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lagebild.Stories;

/// <summary>
/// Decides whether a dated article belongs to a candidate story: a logistic model (with hidden units beside its weights:
/// <see cref="Hidden"/>) over what the clusterer knows of the
/// pair (<see cref="FeatureNames"/>): the story score and cosine, the days between them, shared town, street, names and
/// ages, shared or differing counts of dead and hurt and event days (<see cref="EventClues"/>), and how the story
/// stands against the other candidates. The word score alone cannot tell a short follow-up of one event from a report
/// of a similar one; these clues together tell them better (GVA BCubed 0.912 → see README). The shipped model
/// (<see cref="Default"/>) is the embedded <c>Resources/story-verifier.json</c>, trained by
/// <c>lagebild train story-verifier</c> (model card <c>models/story-verifier.md</c>). Immutable and thread-safe.
/// </summary>
public sealed class StoryVerifier
{
    /// <summary>The features, in the order <see cref="Probability"/> reads them.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "score", "cosine", "log_gap_days", "same_town", "other_town", "same_street", "shared_names", "log_story_articles",
        "best_scored", "margin", "same_killed", "other_killed", "same_injured", "other_injured", "same_day", "other_day",
        "same_age", "other_age", "log_shared_rare_terms", "same_time", "other_time", "shared_full_names",
    ];

    /// <summary>The probability an article needs to join a story, where a model does not say otherwise.</summary>
    public const double DefaultThreshold = 0.45;

    /// <summary>The embedded model's resource name.</summary>
    public const string ResourceName = "Resources/story-verifier.json";

    private static readonly Lazy<StoryVerifier> s_default = new(() =>
    {
        using var stream = typeof(StoryVerifier).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        return Load(stream);
    });

    /// <summary>The shipped model.</summary>
    public static StoryVerifier Default => s_default.Value;

    /// <param name="bias">The intercept.</param>
    /// <param name="weights">One weight per feature of <see cref="FeatureNames"/>, in that order.</param>
    /// <param name="threshold">The probability an article needs to join a story.</param>
    /// <param name="about">Free text on how the model was made (kept in the file).</param>
    /// <param name="hidden">Hidden units whose outputs add to the linear score (null: a logistic model).</param>
    public StoryVerifier(double bias, IReadOnlyList<double> weights, double threshold = DefaultThreshold, string? about = null, HiddenLayer? hidden = null)
    {
        if (weights.Count != FeatureNames.Count)
            throw new ArgumentException($"{FeatureNames.Count} weights expected, got {weights.Count}", nameof(weights));
        if (!double.IsFinite(bias) || weights.Any(w => !double.IsFinite(w)))
            throw new ArgumentException("weights must be finite numbers", nameof(weights));
        if (threshold is <= 0 or >= 1 || double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), "the threshold is a probability between 0 and 1 (exclusive)");
        hidden?.Validate();
        Bias = bias;
        Weights = [.. weights];
        Threshold = threshold;
        About = about;
        Hidden = hidden;
    }

    /// <summary>
    /// Hidden units: each reads the features standardised (<c>(x - Mean) / Scale</c>), and adds <c>Output × tanh(Bias +
    /// Weights · z)</c> to the linear score. They let the model weigh one clue by another (a shared name counts for more
    /// when the reports are months apart), which a sum of weights cannot.
    /// </summary>
    public sealed record HiddenLayer(double[] Mean, double[] Scale, HiddenUnit[] Units)
    {
        internal void Validate()
        {
            int n = FeatureNames.Count;
            if (Mean.Length != n || Scale.Length != n || Units.Any(u => u.Weights.Length != n))
                throw new ArgumentException($"each hidden unit needs {n} weights, and the layer {n} means and scales");
            if (Mean.Concat(Scale).Concat(Units.SelectMany(u => u.Weights.Append(u.Bias).Append(u.Output))).Any(v => !double.IsFinite(v)) || Scale.Any(v => v <= 0))
                throw new ArgumentException("the hidden layer's numbers must be finite, its scales positive");
        }
    }

    /// <summary>One hidden unit (see <see cref="HiddenLayer"/>).</summary>
    public sealed record HiddenUnit(double Bias, double[] Weights, double Output);

    public double Bias { get; }

    public IReadOnlyList<double> Weights { get; }

    public double Threshold { get; }

    public string? About { get; }

    /// <summary>The hidden units, null for a logistic model.</summary>
    public HiddenLayer? Hidden { get; }

    /// <summary>The probability that the article belongs to the story, from the features in <see cref="FeatureNames"/> order.</summary>
    public double Probability(ReadOnlySpan<double> features)
    {
        double z = Bias;
        for (int i = 0; i < Weights.Count; i++)
            z += Weights[i] * features[i];
        if (Hidden is { } layer)
        {
            foreach (var unit in layer.Units)
            {
                double a = unit.Bias;
                for (int i = 0; i < unit.Weights.Length; i++)
                    a += unit.Weights[i] * (features[i] - layer.Mean[i]) / layer.Scale[i];
                z += unit.Output * Math.Tanh(a);
            }
        }
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not a story-verifier model, or a feature is missing or unknown.</exception>
    public static StoryVerifier Load(Stream stream)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("not a story-verifier model (not JSON): " + e.Message, e);
        }
        if (root is not JsonObject o || o["model"] is not JsonValue model || !model.TryGetValue(out string? modelName) || modelName != "lagebild-story-verifier"
            || o["weights"] is not JsonObject w)
            throw new InvalidDataException("not a story-verifier model (it needs \"model\": \"lagebild-story-verifier\" and \"weights\")");
        try
        {
            var weights = ReadPerFeature(w, "the story-verifier model");
            double bias = o["bias"]?.GetValue<double>() ?? 0;
            double threshold = o["threshold"]?.GetValue<double>() ?? DefaultThreshold;
            return new StoryVerifier(bias, weights, threshold, (string?)o["about"], o["hidden"] is { } h ? LoadHidden(h) : null);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException("the story-verifier model is damaged: " + e.Message, e);
        }
    }

    private static HiddenLayer LoadHidden(JsonNode node)
    {
        if (node is not JsonObject h || h["mean"] is not JsonObject mean || h["scale"] is not JsonObject scale || h["units"] is not JsonArray units)
            throw new InvalidDataException("the story-verifier model's \"hidden\" needs \"mean\", \"scale\" and \"units\"");
        return new HiddenLayer(ReadPerFeature(mean, "the story-verifier model's mean"), ReadPerFeature(scale, "the story-verifier model's scale"),
            [.. units.Select(u => u is JsonObject unit && unit["weights"] is JsonObject w
                ? new HiddenUnit(unit["bias"]?.GetValue<double>() ?? 0, ReadPerFeature(w, "the story-verifier model's hidden unit"), unit["output"]?.GetValue<double>() ?? 0)
                : throw new InvalidDataException("a hidden unit of the story-verifier model needs \"weights\""))]);
    }

    // One number per feature, by name (FeatureNames order): every feature present, none unknown. `whose` opens the error.
    private static double[] ReadPerFeature(JsonObject values, string whose)
    {
        foreach (var (name, _) in values)
        {
            if (!FeatureNames.Contains(name))
                throw new InvalidDataException($"{whose} has an unknown feature \"{name}\"");
        }
        return [.. FeatureNames.Select(n => values[n] is JsonValue v ? v.GetValue<double>()
            : throw new InvalidDataException($"{whose} lacks the feature \"{n}\""))];
    }

    /// <summary>Reads a model file (see <see cref="Load(Stream)"/>).</summary>
    public static StoryVerifier Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    // One number per feature, by name: weights rounded as the file keeps them, the features' means and scales exact.
    private static JsonObject WritePerFeature(IReadOnlyList<double> values, bool exact = false)
    {
        var o = new JsonObject();
        for (int i = 0; i < FeatureNames.Count; i++)
            o[FeatureNames[i]] = exact ? values[i] : Math.Round(values[i], 6);
        return o;
    }

    /// <summary>Writes the model as indented JSON.</summary>
    public void Save(Stream stream)
    {
        var o = new JsonObject
        {
            ["model"] = "lagebild-story-verifier",
            ["about"] = About,
            ["threshold"] = Threshold,
            ["bias"] = Math.Round(Bias, 6),
            ["weights"] = WritePerFeature(Weights),
        };
        if (Hidden is { } layer)
        {
            o["hidden"] = new JsonObject
            {
                ["mean"] = WritePerFeature(layer.Mean, exact: true),
                ["scale"] = WritePerFeature(layer.Scale, exact: true),
                ["units"] = new JsonArray([.. layer.Units.Select(u => new JsonObject
                {
                    ["bias"] = Math.Round(u.Bias, 6),
                    ["output"] = Math.Round(u.Output, 6),
                    ["weights"] = WritePerFeature(u.Weights),
                })]),
            };
        }
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        o.WriteTo(writer);
    }

    /// <summary>
    /// Fits the model: features standardised, a little L2 regularisation, the linear weights then mapped back to raw
    /// features. Without hidden units, logistic regression by full-batch gradient descent; with them, the linear part and
    /// the units together by full-batch Adam from seeded starts (averaged when several). Deterministic.
    /// </summary>
    /// <param name="rows">Candidate pairs: their features (<see cref="FeatureNames"/> order) and whether the article belongs to the story.</param>
    /// <param name="threshold">The probability the model will ask for a join.</param>
    /// <param name="about">Written into the model (what it was trained on).</param>
    /// <param name="epochs">Gradient steps over all rows (0: 400 without hidden units, <see cref="HiddenEpochs"/> with them).</param>
    /// <param name="rate">Step size on the standardised features (0: 1 without hidden units, 0.01 with them).</param>
    /// <param name="l2">L2 regularisation of the standardised weights.</param>
    /// <param name="hidden">Hidden units (0: a logistic model).</param>
    /// <param name="seeds">With hidden units: fits from this many seeded starts, averaged into one model (of
    /// <paramref name="hidden"/> × <paramref name="seeds"/> units). Averaging evens out where each start happened to end up.</param>
    /// <exception cref="ArgumentException">No rows, or all rows have the same label.</exception>
    public static StoryVerifier Fit(IReadOnlyList<(double[] Features, bool Same)> rows, double threshold = DefaultThreshold, string? about = null,
        int epochs = 0, double rate = 0, double l2 = 1e-3, int hidden = 0, int seeds = 1)
    {
        int n = FeatureNames.Count;
        if (rows.Count == 0 || rows.All(r => r.Same) || rows.All(r => !r.Same))
            throw new ArgumentException("the articles gave no candidate pairs of both kinds (of one story and not): give more articles, with stories alike enough to be confused");
        ArgumentOutOfRangeException.ThrowIfNegative(hidden);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        var mean = new double[n];
        var sd = new double[n];
        foreach (var (x, _) in rows)
        {
            for (int k = 0; k < n; k++)
                mean[k] += x[k] / rows.Count;
        }
        foreach (var (x, _) in rows)
        {
            for (int k = 0; k < n; k++)
                sd[k] += (x[k] - mean[k]) * (x[k] - mean[k]) / rows.Count;
        }
        // A feature (all but) constant in the rows is left as it is: scaling it up would blow up its weight.
        for (int k = 0; k < n; k++)
            sd[k] = sd[k] > 1e-10 ? Math.Sqrt(sd[k]) : 1;
        var z = rows.Select(r => Enumerable.Range(0, n).Select(k => (r.Features[k] - mean[k]) / sd[k]).ToArray()).ToArray();
        var y = rows.Select(r => r.Same ? 1.0 : 0.0).ToArray();
        var w = new double[n + 1];
        HiddenUnit[] units = [];
        if (hidden == 0)
            FitLinear(z, y, w, epochs > 0 ? epochs : 400, rate > 0 ? rate : 1.0, l2);
        else
        {
            // Several fits from other seeded starts, averaged: the mean of their scores is one model whose linear part is
            // the mean of theirs and whose units are all of theirs, each output divided by their number.
            var all = new List<HiddenUnit>();
            for (int m = 0; m < seeds; m++)
            {
                var wm = new double[n + 1];
                var um = FitHidden(z, y, wm, hidden, epochs > 0 ? epochs : HiddenEpochs, rate > 0 ? rate : 0.01, l2, 17 + m);
                for (int q = 0; q <= n; q++)
                    w[q] += wm[q] / seeds;
                all.AddRange(um.Select(u => u with { Output = u.Output / seeds }));
            }
            units = [.. all];
        }
        double bias = w[0];
        var raw = new double[n];
        for (int k = 0; k < n; k++)
        {
            raw[k] = w[k + 1] / sd[k];
            bias -= w[k + 1] * mean[k] / sd[k];
        }
        return new StoryVerifier(bias, raw, threshold, about, units.Length > 0 ? new HiddenLayer(mean, sd, units) : null);
    }

    /// <summary>Full-batch steps a model with hidden units is fitted with, by default.</summary>
    public const int HiddenEpochs = 1000;

    // Logistic regression on standardised rows z: w[0] the bias, w[1..] the weights.
    private static void FitLinear(double[][] z, double[] y, double[] w, int epochs, double rate, double l2)
    {
        int n = w.Length - 1;
        var g = new double[n + 1];
        for (int e = 0; e < epochs; e++)
        {
            Array.Clear(g);
            for (int i = 0; i < z.Length; i++)
            {
                double s = w[0];
                for (int k = 0; k < n; k++)
                    s += w[k + 1] * z[i][k];
                double p = 1 / (1 + Math.Exp(-Math.Clamp(s, -30, 30)));
                double d = p - y[i];
                g[0] += d;
                for (int k = 0; k < n; k++)
                    g[k + 1] += d * z[i][k];
            }
            for (int k = 0; k <= n; k++)
                w[k] -= rate * (g[k] / z.Length + l2 * w[k]);
        }
    }

    // The linear part (w, as in FitLinear) and `count` tanh units on standardised rows z, together, by Adam. The start is
    // drawn from a fixed seed, so a fit is reproducible.
    private static HiddenUnit[] FitHidden(double[][] z, double[] y, double[] w, int count, int epochs, double rate, double l2, int seed = 17)
    {
        int n = w.Length - 1;
        // Parameters in one array: the linear part (n + 1), then per unit its bias, n weights and output.
        int per = n + 2;
        var theta = new double[n + 1 + count * per];
        var random = new Random(seed);
        for (int j = 0; j < count; j++)
        {
            int u = n + 1 + j * per;
            for (int k = 0; k < n; k++)
                theta[u + 1 + k] = (random.NextDouble() * 2 - 1) / Math.Sqrt(n);
            theta[u + 1 + n] = (random.NextDouble() * 2 - 1) / Math.Sqrt(count);
        }
        var g = new double[theta.Length];
        var m1 = new double[theta.Length];
        var m2 = new double[theta.Length];
        var act = new double[count];
        const double beta1 = 0.9, beta2 = 0.999;
        for (int e = 1; e <= epochs; e++)
        {
            Array.Clear(g);
            for (int i = 0; i < z.Length; i++)
            {
                var x = z[i];
                double s = theta[0];
                for (int k = 0; k < n; k++)
                    s += theta[k + 1] * x[k];
                for (int j = 0; j < count; j++)
                {
                    int u = n + 1 + j * per;
                    double a = theta[u];
                    for (int k = 0; k < n; k++)
                        a += theta[u + 1 + k] * x[k];
                    act[j] = Math.Tanh(a);
                    s += theta[u + 1 + n] * act[j];
                }
                double d = 1 / (1 + Math.Exp(-Math.Clamp(s, -30, 30))) - y[i];
                g[0] += d;
                for (int k = 0; k < n; k++)
                    g[k + 1] += d * x[k];
                for (int j = 0; j < count; j++)
                {
                    int u = n + 1 + j * per;
                    double da = d * theta[u + 1 + n] * (1 - act[j] * act[j]);
                    g[u] += da;
                    for (int k = 0; k < n; k++)
                        g[u + 1 + k] += da * x[k];
                    g[u + 1 + n] += d * act[j];
                }
            }
            double c1 = 1 - Math.Pow(beta1, e), c2 = 1 - Math.Pow(beta2, e);
            for (int q = 0; q < theta.Length; q++)
            {
                // Biases (the model's and each unit's) are not regularised.
                bool bias = q == 0 || q > n && (q - n - 1) % per == 0;
                double grad = g[q] / z.Length + (bias ? 0 : l2 * theta[q]);
                m1[q] = beta1 * m1[q] + (1 - beta1) * grad;
                m2[q] = beta2 * m2[q] + (1 - beta2) * grad * grad;
                theta[q] -= rate * (m1[q] / c1) / (Math.Sqrt(m2[q] / c2) + 1e-8);
            }
        }
        Array.Copy(theta, w, n + 1);
        var units = new HiddenUnit[count];
        for (int j = 0; j < count; j++)
        {
            int u = n + 1 + j * per;
            units[j] = new HiddenUnit(theta[u], theta[(u + 1)..(u + 1 + n)], theta[u + 1 + n]);
        }
        return units;
    }
}
