using System.Text.Json;
using Lagebild.Evaluation;
using Lagebild.Facts;
using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Tests.Support;

namespace Lagebild.Tests.Facts;

/// <summary>The two real reports in shared/seeds give exactly the gold facts, agencies and credits.</summary>
public sealed class SeedTests
{
    private static List<Document> Seeds()
    {
        var dir = SharedData.Require("seeds");
        return new ArticleReader().Read([dir]).Where(o => o.IsArticle).Select(o => DefaultPipeline.Shared.Process(o.Article!)).ToList();
    }

    private static JsonElement Gold() => JsonDocument.Parse(File.ReadAllBytes(SharedData.Require("gold/seeds.json"))).RootElement;

    [SkippableFact]
    public void Seeds_give_the_seven_gold_facts_strictly_and_nothing_else()
    {
        var docs = Seeds();
        var lines = docs.SelectMany(d => d.Facts.Select(f => FactJson.ToJsonLine(d.Article.Id, f, d))).ToList();
        var result = FactScorer.Score(JsonDocument.Parse(File.ReadAllBytes(SharedData.Require("gold/seeds.json"))), lines);
        Assert.True(result.Strict.TruePositives == 7 && result.Strict.FalsePositives == 0 && result.Strict.FalseNegatives == 0,
            $"strict {result.Strict}\n" + string.Join("\n", result.Errors));
        Assert.Equal(7, lines.Count);
    }

    [SkippableFact]
    public void Agencies_and_photo_credits_of_both_seeds_are_recognised()
    {
        var docs = Seeds().ToDictionary(d => d.Article.Id);
        foreach (var art in Gold().GetProperty("articles").EnumerateArray())
        {
            var doc = docs[art.GetProperty("article").GetString()!];
            Assert.Equal(art.GetProperty("agencies").EnumerateArray().Select(a => a.GetString()), doc.Agencies);
            Assert.Equal(art.GetProperty("photo_credits").EnumerateArray().Select(a => a.GetString()), doc.Credits);
            if (art.TryGetProperty("caption", out var caption))
                Assert.Contains(caption.GetString(), doc.Captions);
        }
    }

    [SkippableFact]
    public void Seeds_keep_month_precision_and_resolve_Sunday_from_the_caption_date()
    {
        var docs = Seeds().ToDictionary(d => d.Article.Id);
        Assert.All(docs.Values, d => Assert.Equal(PartialDate.Month(2022, 1), d.Article.Published));
        var schymkent = docs["003_cba02438cf8314ef"].Facts.Single(f => f.Place?.Name == "Schymkent");
        Assert.Equal(PartialDate.Day(2022, 1, 9), schymkent.Time!.Resolved);
        Assert.Equal("KZ", schymkent.Place!.Country);
    }

    [SkippableFact]
    public void Facts_are_never_read_from_captions()
    {
        foreach (var doc in Seeds())
            Assert.All(doc.Facts, f => Assert.False(doc.IsBoilerplate(f.CountSpan.Start)));
    }
}
