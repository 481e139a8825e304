using System.Diagnostics;
using System.Reflection;

namespace Lagebild.Entities;

/// <summary>
/// German named-entity tagger (PER, LOC, ORG; BIO). <see cref="Default"/> is the shipped model, an embedded
/// resource loaded on first use and once per process. Thread-safe: the model is immutable and each thread
/// has its own buffers.
/// </summary>
public sealed class NerTagger
{
    /// <summary>The embedded model's resource name.</summary>
    public const string ResourceName = "Resources/ner-de.model.gz";

    private static readonly Lazy<NerTagger> s_default = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    [ThreadStatic]
    private static NerModel.Workspace? t_workspace;

    public NerTagger(NerModel model) => Model = model ?? throw new ArgumentNullException(nameof(model));

    public NerModel Model { get; }

    /// <summary>The shipped German model, loaded lazily once per process.</summary>
    public static NerTagger Default => s_default.Value;

    /// <summary>True once <see cref="Default"/> has been loaded.</summary>
    public static bool DefaultLoaded => s_default.IsValueCreated;

    /// <summary>How long loading the shipped model took (zero before it is loaded).</summary>
    public static TimeSpan DefaultLoadTime { get; private set; }

    /// <summary>Loads a model file.</summary>
    public static NerTagger Load(string path) => new(NerModel.Load(path));

    private static NerTagger LoadEmbedded()
    {
        var clock = Stopwatch.StartNew();
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing; train one with `lagebild train ner`");
        var tagger = new NerTagger(NerModel.Load(stream));
        DefaultLoadTime = clock.Elapsed;
        return tagger;
    }

    /// <summary>BIO tags (from <see cref="NerLabels.All"/>) for the tokens of one sentence.</summary>
    public IReadOnlyList<string> Tag(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var ids = tokens.Count <= 256 ? stackalloc int[tokens.Count] : new int[tokens.Count];
        Tag(tokens, ids);
        var tags = new string[tokens.Count];
        for (int i = 0; i < tags.Length; i++)
            tags[i] = NerLabels.All[ids[i]];
        return tags;
    }

    /// <summary>Label ids for the tokens of one sentence into <paramref name="labels"/> (at least as long as the sentence).</summary>
    public void Tag(IReadOnlyList<string> tokens, Span<int> labels)
    {
        if (tokens.Count == 0)
            return;
        Model.Predict(tokens, labels, t_workspace ??= new NerModel.Workspace());
    }
}
