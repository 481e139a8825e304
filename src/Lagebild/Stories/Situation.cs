using Lagebild.Boilerplate;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Stories;

/// <summary>An article as the situation picture shows it: metadata, boilerplate metadata and its text.</summary>
public sealed record SituationArticle(string Id, string? Title, PartialDate? Published, string? Source, string? Url, string Language,
    IReadOnlyList<string> Agencies, IReadOnlyList<string> Credits, IReadOnlyList<string> Captions, string? DuplicateOf, string? Text);

/// <summary>A fact with the sentence it was read from, so it can be shown without the document.</summary>
public sealed record SituationFact(string ArticleId, Fact Fact, string Sentence, PartialDate? Published)
{
    /// <summary>When the fact happened as far as known: its resolved time, else its article's publication date.</summary>
    public PartialDate? When => Fact.Time?.Resolved ?? Published;
}

/// <summary>Claims of one kind in a story, oldest first (v1 of reconciliation: places and running totals are shown per claim).</summary>
public sealed record FigureGroup(FactKind Kind, IReadOnlyList<SituationFact> Claims)
{
    /// <summary>True when the claims do not all give the same count.</summary>
    public bool Differs => Claims.Select(c => c.Fact.Count).Distinct().Count() > 1;
}

/// <summary>One story of the situation picture.</summary>
public sealed record StoryView(string Id, string Title, IReadOnlyList<SituationArticle> Articles, IReadOnlyList<SituationFact> Timeline,
    IReadOnlyList<FigureGroup> Figures, IReadOnlyList<string> Places);

/// <summary>
/// Builds the situation picture: articles grouped into stories (<see cref="StoryGrouper"/>), each
/// story's facts on a timeline and its claims grouped by quantity so differing figures stand side
/// by side. Duplicates (wire copies) join their original's story and add no facts. Stateless.
/// </summary>
public static class SituationBuilder
{
    public static IReadOnlyList<StoryView> Build(IReadOnlyList<SituationArticle> articles, IReadOnlyList<SituationFact> facts, StoryGrouper? grouper = null)
    {
        grouper ??= new StoryGrouper();
        var originals = articles.Where(a => a.DuplicateOf is null).ToList();
        var inputs = originals.Select(a => new StoryArticle(a.Id, a.Published, StoryGrouper.Terms($"{a.Title}\n{a.Text}", a.Language))).ToList();
        var byId = articles.ToDictionary(a => a.Id);
        var factsByArticle = facts.ToLookup(f => f.ArticleId);
        var views = new List<StoryView>();
        foreach (var story in grouper.Group(inputs))
        {
            var members = story.ArticleIds.Select(id => byId[id]).ToList();
            members.AddRange(articles.Where(a => a.DuplicateOf is not null && story.ArticleIds.Contains(a.DuplicateOf)));
            var timeline = story.ArticleIds.SelectMany(id => factsByArticle[id])
                .OrderBy(f => f.When?.Date ?? DateOnly.MaxValue)
                .ThenBy(f => f.Published?.Date ?? DateOnly.MaxValue)
                .ThenBy(f => f.ArticleId, StringComparer.Ordinal)
                .ThenBy(f => f.Fact.Evidence.Start)
                .ToList();
            var figures = timeline
                .GroupBy(f => f.Fact.Kind)
                .Select(g => new FigureGroup(g.Key, g.ToList()))
                .OrderBy(g => g.Kind)
                .ToList();
            var places = timeline.Where(f => f.Fact.Place is not null).Select(f => f.Fact.Place!.Name).Distinct().ToList();
            views.Add(new StoryView(story.Id, Title(members[0]), members, timeline, figures, places));
        }
        return views;
    }

    private static readonly Lazy<AnalysisPipeline> s_leadPipeline = new(() => new PipelineBuilder()
        .Add(new BoilerplateDetector()).Add(new Tokenizer()).Add(new SentenceSplitter()).Build());

    /// <summary>The article's title, else its first sentence outside captions and credits, shortened to 90 characters.</summary>
    public static string Title(SituationArticle a)
    {
        if (!string.IsNullOrWhiteSpace(a.Title))
            return a.Title.Trim();
        if (string.IsNullOrWhiteSpace(a.Text))
            return a.Id;
        var doc = s_leadPipeline.Value.Process(new Article { Id = a.Id, Text = a.Text, Origin = "", Format = "" });
        var first = doc.Sentences.Where(s => !doc.IsBoilerplate(s.Start)).Select(s => doc.Slice(s.Span)).FirstOrDefault() ?? a.Id;
        return first.Length > 90 ? first[..87].TrimEnd() + "…" : first;
    }
}
