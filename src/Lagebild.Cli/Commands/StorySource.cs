using System.CommandLine;
using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Storage;
using Lagebild.Stories;

namespace Lagebild.Cli.Commands;

/// <summary>
/// Where <c>report</c> and <c>stories</c> get their stories: articles read now (analysed, wire copies
/// linked, originals clustered in publication order), or the store (its stories, after clustering any
/// stored article that has none yet).
/// </summary>
internal static class StorySource
{
    public sealed record Result(List<SituationArticle> Articles, List<SituationFact> Facts, string Origin, int Problems)
    {
        public IReadOnlyList<StoryMerge> Merges { get; init; } = [];
    }

    /// <summary>
    /// The arguments of a command that works on stories (PATH…, --min-count, the clustering options, the
    /// reading options), and the stories they give.
    /// </summary>
    public sealed class Arguments(string pathsDescription)
    {
        private readonly Argument<string[]> _paths = CommandContext.PathsArgument(ArgumentArity.ZeroOrMore, pathsDescription);
        private readonly Option<int> _minCount = StoriesCommand.MinCountOption();
        private readonly ClusterCommand.Settings _settings = new();

        public void AddTo(Command cmd, CommandContext ctx)
        {
            cmd.Add(_paths);
            cmd.Add(_minCount);
            _settings.AddTo(cmd);
            ctx.Read.AddTo(cmd);
        }

        /// <summary>The stories of the given PATHs, or of the store when there are none.</summary>
        public IReadOnlyList<StoryView> Stories(CommandContext ctx, ParseResult parsed)
        {
            var source = Load(ctx, parsed, parsed.GetValue(_paths) ?? [], _settings.Options(parsed), parsed.GetValue(_minCount));
            return SituationBuilder.Build(source.Articles, source.Facts, source.Merges);
        }
    }

    /// <summary>The stories' source for a command: PATHs analysed now (with <paramref name="minCount"/>), or the store; a one-line error when nothing is there.</summary>
    public static Result Load(CommandContext ctx, ParseResult parsed, string[] inputs, ClusterOptions options, int minCount)
    {
        var source = inputs.Length > 0
            ? FromInputs(ctx, parsed, inputs, options, StoriesCommand.Pipeline(minCount))
            : FromStore(ctx, ctx.StorePath(parsed), options);
        if (source.Articles.Count == 0)
            throw new CliException(inputs.Length > 0 ? "no article could be read" : $"the store {source.Origin} holds no articles; run `lagebild ingest PATH…` first");
        return source;
    }

    public static Result FromInputs(CommandContext ctx, ParseResult parsed, string[] inputs, ClusterOptions options, AnalysisPipeline pipeline)
    {
        var articles = new List<SituationArticle>();
        var facts = new List<SituationFact>();
        var signals = new List<ArticleSignals>();
        var duplicates = new DuplicateIndex();
        var tally = new Analysis.Tally();
        var clusterer = new StoryClusterer(options);
        foreach (var batch in Analysis.Batches(ctx.Reader(parsed).Read(inputs), ctx.Warn, tally, pipeline))
        {
            var batchSignals = StorySignals.From(batch, clusterer.Terms);
            for (int i = 0; i < batch.Count; i++)
            {
                var doc = batch[i];
                var a = doc.Article;
                var dup = duplicates.Add(a.Id, a.Text);
                articles.Add(ToSituation(doc, dup?.OfId));
                // Copies are clustered too: a copied body under another headline can be another story.
                signals.Add(batchSignals[i]);
                // A copy adds only its headline's facts: its body's are the original's, its headline is its own
                // (pages whose body is the same consent or paywall text differ only there).
                facts.AddRange(doc.Facts.Where(f => dup is null || f.InTitle).Select(f => new SituationFact(a.Id, f, doc.Slice(f, f.Evidence), a.Published)));
            }
        }
        var stories = StoryBatch.Cluster(signals, clusterer);
        var storyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < signals.Count; i++)
            storyOf.TryAdd(signals[i].Id, stories[i]);
        articles = articles.Select(a => a with { Story = storyOf.GetValueOrDefault(a.Id) }).ToList();
        return new Result(articles, facts, string.Join(", ", inputs), tally.Problems) { Merges = clusterer.Merges };
    }

    public static Result FromStore(CommandContext ctx, string path, ClusterOptions options)
    {
        using var store = ctx.OpenExistingStore(path);
        try
        {
            using var indexer = new StoryIndexer(store, options);
            int caught = indexer.CatchUp(Reanalyse);
            if (caught > 0)
                ctx.Io.Error.WriteLine($"lagebild: note: clustered {caught} stored article(s) that had no story yet");
        }
        catch (StoreException e)
        {
            throw new CliException(e.Message);
        }
        var situation = StoreSituation.Load(store);
        return new Result([.. situation.Articles], [.. situation.Facts], ArticleStores.Describe(path), 0) { Merges = situation.Merges };
    }

    /// <summary>The stored text analysed again, as ingest analysed it (for articles stored before they could be clustered).</summary>
    public static Document Reanalyse(StoredArticle a) => DefaultPipeline.Shared.Process(new Article
    {
        Id = a.Id,
        Text = a.Text ?? "",
        Title = a.Title,
        Published = a.Published,
        Url = a.Url,
        Source = a.Source,
        Author = a.Author,
        Origin = a.Origin,
        Format = a.Format,
        DeclaredLanguage = a.Language,
    });

    private static SituationArticle ToSituation(Document doc, string? duplicateOf)
    {
        var a = doc.Article;
        return new SituationArticle(a.Id, a.Title, a.Published, a.Source, a.Url, doc.Language, doc.Agencies, doc.Credits, doc.Captions, duplicateOf,
            string.IsNullOrWhiteSpace(a.Title) ? a.Text : null)
        {
            Clues = ReportClues.From(doc),
            Entities = doc.Layers.Contains(Lagebild.Entities.EntityRecognizer.Layer) ? Lagebild.Linking.EntityNormaliser.Normalise(doc) : [],
        };
    }
}
