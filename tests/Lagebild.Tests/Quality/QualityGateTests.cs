using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Lagebild.Evaluation;
using Lagebild.Facts;
using Lagebild.Ingest;
using Lagebild.Pipeline;
using Lagebild.Tests.Support;

namespace Lagebild.Tests.Quality;

/// <summary>
/// Minimum quality on the dev data, pinned. These are gates, not benchmarks: the figures to report
/// come from the evaluation commands (README). Lowering a minimum is a deliberate, reviewed change.
/// </summary>
public sealed class QualityGateTests
{
    /// <summary>Measured 0.927 (annotations.jsonl: 42 articles, 63 facts) and 0.863 (heldout.jsonl, 24 articles,
    /// 49 facts, tuned on after its one untuned measurement of 0.634) when pinned.</summary>
    private const double MinGermanDevStrictF1 = 0.90;
    private const double MinGermanDev2StrictF1 = 0.83;

    /// <summary>Measured 0.51 (killed) and 0.59 (injured) when pinned; accuracy where the article gets a figure.</summary>
    private const double MinGvaKilledWhenPredicted = 0.45;
    private const double MinGvaInjuredWhenPredicted = 0.52;

    [SkippableTheory]
    [InlineData("annotations.jsonl", MinGermanDevStrictF1)]
    [InlineData("heldout.jsonl", MinGermanDev2StrictF1)]
    public void German_dev_sets_on_10kGNAD_keep_their_strict_F1(string file, double minimum)
    {
        var data = SharedData.Require("data/10kgnad");
        var annotations = Path.Combine(SharedData.RepoRoot, "eval", "de-10kgnad", file);
        var lines = File.ReadAllLines(annotations);
        var wanted = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("article").GetString()!).ToHashSet();
        var articles = new ArticleReader().Read([data]).Where(o => o.Article is { } a && wanted.Contains(a.Id)).Select(o => o.Article!).ToList();
        Assert.Equal(wanted.Count, articles.Count);

        var gold = Annotations.BuildGold(lines, articles.ToDictionary(a => a.Id, a => a.Text), "test");
        var predictions = articles.Select(DefaultPipeline.Shared.Process)
            .SelectMany(d => d.Facts.Select(f => FactJson.ToJsonLine(d.Article.Id, f, d))).ToList();
        var result = FactScorer.Score(JsonDocument.Parse(gold.ToJsonString()), predictions);
        Assert.True(result.Strict.F1 >= minimum,
            $"{file}: strict {result.Strict} below {minimum}\n" + string.Join("\n", result.Errors));
    }

    /// <summary>Measured B³ F1 0.896 on the GVA articles (4,177; incidents as gold) and 0.901 on ECB+ dev when pinned.</summary>
    private const double MinGvaClusterF1 = 0.87;
    private const double MinEcbDevClusterF1 = 0.83;

    // The GVA articles analysed once for both GVA gates: (doc_id → incident, documents).
    private static readonly Lazy<(Dictionary<string, string> Gold, Lagebild.Model.Document[] Docs)> s_gva = new(() =>
    {
        var documents = SharedData.Require("data/gva-gun-violence-news/documents.jsonl.gz");
        var gold = new Dictionary<string, string>();
        var docs = new List<Lagebild.Model.Article>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(documents), CompressionMode.Decompress)))
        {
            while (reader.ReadLine() is { } line)
            {
                var d = JsonDocument.Parse(line).RootElement;
                string id = d.GetProperty("doc_id").GetString()!, text = d.GetProperty("text").GetString() ?? "";
                if (!gold.TryAdd(id, d.GetProperty("incident_id").GetString()!))
                    continue;
                Lagebild.Model.PartialDate.TryParse(d.GetProperty("dct").GetString(), out var published);
                docs.Add(new Lagebild.Model.Article
                {
                    Id = id, Text = text.Length == 0 ? d.GetProperty("title").GetString() ?? "-" : text, Title = d.GetProperty("title").GetString(),
                    Published = published == default ? null : published, DeclaredLanguage = "en", Origin = "gva", Format = "jsonl",
                });
            }
        }
        var analysed = new Lagebild.Model.Document[docs.Count];
        Parallel.For(0, docs.Count, i => analysed[i] = DefaultPipeline.Shared.Process(docs[i]));
        return (gold, analysed);
    });

    [SkippableFact]
    public void GVA_killed_and_injured_figures_keep_their_accuracy()
    {
        var documents = SharedData.Require("data/gva-gun-violence-news/documents.jsonl.gz");
        var incidents = SharedData.Require("data/gva-gun-violence-news/incidents.jsonl.gz");
        var predictions = new StringBuilder();
        foreach (var doc in s_gva.Value.Docs)
        {
            foreach (var f in doc.Facts)
                predictions.AppendLine(FactJson.ToJsonLine(doc.Article.Id, f, doc));
        }
        using var documentReader = GvaEvaluation.OpenText(documents);
        using var incidentReader = GvaEvaluation.OpenText(incidents);
        var report = GvaEvaluation.Evaluate(documentReader, incidentReader, new StringReader(predictions.ToString()));
        Assert.True(report.Killed.All.AccuracyWhenPredicted >= MinGvaKilledWhenPredicted, report.ToText());
        Assert.True(report.Injured.All.AccuracyWhenPredicted >= MinGvaInjuredWhenPredicted, report.ToText());
    }

    [SkippableFact]
    public void GVA_story_clustering_keeps_its_BCubed_F1()
    {
        var (gold, docs) = s_gva.Value;
        var score = ClusterScore(gold, docs);
        Assert.True(score.F1 >= MinGvaClusterF1, score.ToString());
    }

    [SkippableFact]
    public void ECB_plus_dev_story_clustering_keeps_its_BCubed_F1()
    {
        var path = SharedData.Require("data/ecbplus/dev.jsonl.gz");
        var gold = new Dictionary<string, string>();
        var articles = new List<Lagebild.Model.Article>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress)))
        {
            while (reader.ReadLine() is { } line)
            {
                var d = JsonDocument.Parse(line).RootElement;
                string id = d.GetProperty("doc_id").GetString()!;
                gold[id] = d.GetProperty("subtopic_cluster").GetString()!;
                articles.Add(new Lagebild.Model.Article { Id = id, Text = d.GetProperty("text").GetString()!, DeclaredLanguage = "en", Origin = "ecb", Format = "jsonl" });
            }
        }
        var docs = new Lagebild.Model.Document[articles.Count];
        Parallel.For(0, docs.Length, i => docs[i] = DefaultPipeline.Shared.Process(articles[i]));
        var score = ClusterScore(gold, docs);
        Assert.True(score.F1 >= MinEcbDevClusterF1, score.ToString());
    }

    // The documents clustered as `lagebild cluster` does, scored against the gold stories.
    private static ClusterScore ClusterScore(Dictionary<string, string> gold, IReadOnlyList<Lagebild.Model.Document> docs)
    {
        var clusterer = new Lagebild.Stories.StoryClusterer();
        var signals = docs.Select(d => Lagebild.Stories.StorySignals.From(d, clusterer.Terms)).ToList();
        var stories = Lagebild.Stories.StoryBatch.Cluster(signals, clusterer);
        return ClusterScorer.Score(gold, signals.Select((s, i) => (s.Id, stories[i])).ToDictionary(x => x.Id, x => x.Item2));
    }
}
