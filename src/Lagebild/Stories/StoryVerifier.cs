using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lagebild.Stories;

/// <summary>
/// Decides whether a dated article belongs to a candidate story: a logistic model over what the clusterer knows of the
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
    public StoryVerifier(double bias, IReadOnlyList<double> weights, double threshold = DefaultThreshold, string? about = null)
    {
        if (weights.Count != FeatureNames.Count)
            throw new ArgumentException($"{FeatureNames.Count} weights expected, got {weights.Count}", nameof(weights));
        if (!double.IsFinite(bias) || weights.Any(w => !double.IsFinite(w)))
            throw new ArgumentException("weights must be finite numbers", nameof(weights));
        if (threshold is <= 0 or >= 1 || double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), "the threshold is a probability between 0 and 1 (exclusive)");
        Bias = bias;
        Weights = [.. weights];
        Threshold = threshold;
        About = about;
    }

    public double Bias { get; }

    public IReadOnlyList<double> Weights { get; }

    public double Threshold { get; }

    public string? About { get; }

    /// <summary>The probability that the article belongs to the story, from the features in <see cref="FeatureNames"/> order.</summary>
    public double Probability(ReadOnlySpan<double> features)
    {
        double z = Bias;
        for (int i = 0; i < Weights.Count; i++)
            z += Weights[i] * features[i];
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
            foreach (var (name, _) in w)
            {
                if (!FeatureNames.Contains(name))
                    throw new InvalidDataException($"the story-verifier model has an unknown feature \"{name}\"");
            }
            var weights = FeatureNames.Select(n => w[n] is JsonValue v ? v.GetValue<double>()
                : throw new InvalidDataException($"the story-verifier model lacks the feature \"{n}\"")).ToArray();
            double bias = o["bias"]?.GetValue<double>() ?? 0;
            double threshold = o["threshold"]?.GetValue<double>() ?? DefaultThreshold;
            return new StoryVerifier(bias, weights, threshold, (string?)o["about"]);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException("the story-verifier model is damaged: " + e.Message, e);
        }
    }

    /// <summary>Reads a model file (see <see cref="Load(Stream)"/>).</summary>
    public static StoryVerifier Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Writes the model as indented JSON.</summary>
    public void Save(Stream stream)
    {
        var weights = new JsonObject();
        for (int i = 0; i < FeatureNames.Count; i++)
            weights[FeatureNames[i]] = Math.Round(Weights[i], 6);
        var o = new JsonObject
        {
            ["model"] = "lagebild-story-verifier",
            ["about"] = About,
            ["threshold"] = Threshold,
            ["bias"] = Math.Round(Bias, 6),
            ["weights"] = weights,
        };
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        o.WriteTo(writer);
    }

    /// <summary>
    /// Fits the model by logistic regression: features standardised, full-batch gradient descent with a little L2
    /// regularisation, then the weights mapped back to raw features. Deterministic.
    /// </summary>
    /// <param name="rows">Candidate pairs: their features (<see cref="FeatureNames"/> order) and whether the article belongs to the story.</param>
    /// <param name="threshold">The probability the model will ask for a join.</param>
    /// <param name="about">Written into the model (what it was trained on).</param>
    /// <param name="epochs">Gradient steps over all rows.</param>
    /// <param name="rate">Step size on the standardised features.</param>
    /// <param name="l2">L2 regularisation of the standardised weights.</param>
    /// <exception cref="ArgumentException">No rows, or all rows have the same label.</exception>
    public static StoryVerifier Fit(IReadOnlyList<(double[] Features, bool Same)> rows, double threshold = DefaultThreshold, string? about = null,
        int epochs = 400, double rate = 1.0, double l2 = 1e-3)
    {
        int n = FeatureNames.Count;
        if (rows.Count == 0 || rows.All(r => r.Same) || rows.All(r => !r.Same))
            throw new ArgumentException("the articles gave no candidate pairs of both kinds (of one story and not): give more articles, with stories alike enough to be confused");
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
        for (int k = 0; k < n; k++)
            sd[k] = sd[k] > 0 ? Math.Sqrt(sd[k]) : 1;
        var z = rows.Select(r => Enumerable.Range(0, n).Select(k => (r.Features[k] - mean[k]) / sd[k]).ToArray()).ToArray();
        var w = new double[n + 1];
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
                double d = p - (rows[i].Same ? 1 : 0);
                g[0] += d;
                for (int k = 0; k < n; k++)
                    g[k + 1] += d * z[i][k];
            }
            for (int k = 0; k <= n; k++)
                w[k] -= rate * (g[k] / z.Length + l2 * w[k]);
        }
        double bias = w[0];
        var raw = new double[n];
        for (int k = 0; k < n; k++)
        {
            raw[k] = w[k + 1] / sd[k];
            bias -= w[k + 1] * mean[k] / sd[k];
        }
        return new StoryVerifier(bias, raw, threshold, about);
    }
}
