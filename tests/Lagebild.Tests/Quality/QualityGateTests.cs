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

    [SkippableFact]
    public void GVA_killed_and_injured_figures_keep_their_accuracy()
    {
        var documents = SharedData.Require("data/gva-gun-violence-news/documents.jsonl.gz");
        var incidents = SharedData.Require("data/gva-gun-violence-news/incidents.jsonl.gz");
        var predictions = new StringBuilder();
        var seen = new HashSet<string>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(documents), CompressionMode.Decompress)))
        {
            var docs = new List<Lagebild.Model.Article>();
            while (reader.ReadLine() is { } line)
            {
                var d = JsonDocument.Parse(line).RootElement;
                string id = d.GetProperty("doc_id").GetString()!, text = d.GetProperty("text").GetString() ?? "";
                if (text.Length == 0 || !seen.Add(id))
                    continue;
                docs.Add(new Lagebild.Model.Article { Id = id, Text = text, Title = d.GetProperty("title").GetString(), DeclaredLanguage = "en", Origin = "gva", Format = "jsonl" });
            }
            var analysed = new Lagebild.Model.Document[docs.Count];
            Parallel.For(0, docs.Count, i => analysed[i] = DefaultPipeline.Shared.Process(docs[i]));
            foreach (var doc in analysed)
            {
                foreach (var f in doc.Facts)
                    predictions.AppendLine(FactJson.ToJsonLine(doc.Article.Id, f, doc));
            }
        }
        using var documentReader = GvaEvaluation.OpenText(documents);
        using var incidentReader = GvaEvaluation.OpenText(incidents);
        var report = GvaEvaluation.Evaluate(documentReader, incidentReader, new StringReader(predictions.ToString()));
        Assert.True(report.Killed.All.AccuracyWhenPredicted >= MinGvaKilledWhenPredicted, report.ToText());
        Assert.True(report.Injured.All.AccuracyWhenPredicted >= MinGvaInjuredWhenPredicted, report.ToText());
    }
}
