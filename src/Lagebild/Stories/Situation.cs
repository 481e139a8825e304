using Lagebild.Boilerplate;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Stories;

/// <summary>
/// An article as the situation picture shows it: metadata, boilerplate metadata, its text, its story
/// (null: a story of its own) and the clues to the day it reports as of.
/// </summary>
public sealed record SituationArticle(string Id, string? Title, PartialDate? Published, string? Source, string? Url, string Language,
    IReadOnlyList<string> Agencies, IReadOnlyList<string> Credits, IReadOnlyList<string> Captions, string? DuplicateOf, string? Text)
{
    public string? Story { get; init; }

    public ReportClues? Clues { get; init; }

    /// <summary>The article's normalised entities (empty when analysed without the entity stages).</summary>
    public IReadOnlyList<Lagebild.Linking.Entity> Entities { get; init; } = [];
}

/// <summary>A fact with the sentence it was read from, so it can be shown without the document.</summary>
public sealed record SituationFact(string ArticleId, Fact Fact, string Sentence, PartialDate? Published)
{
    /// <summary>When the fact happened as far as known: its resolved time, else its article's publication date.</summary>
    public PartialDate? When => Fact.Time?.Resolved ?? Published;

    /// <summary>Where a span of the fact (its count phrase, its trigger) lies in <see cref="Sentence"/>, or null when outside it.</summary>
    public TextSpan? InSentence(TextSpan span)
    {
        int start = span.Start - Fact.Evidence.Start, end = span.End - Fact.Evidence.Start;
        return start >= 0 && end <= Sentence.Length && start < end ? new TextSpan(start, end) : null;
    }

    /// <summary>The text of a span of the fact cut from <see cref="Sentence"/>; empty when it lies outside.</summary>
    public string Part(TextSpan span) => InSentence(span) is { } p ? Sentence[p.Start..p.End] : "";
}

/// <summary>One story of the situation picture: its articles, facts on a timeline and reconciled figures.</summary>
public sealed record StoryView(string Id, string Title, IReadOnlyList<SituationArticle> Articles, IReadOnlyList<SituationFact> Timeline,
    IReadOnlyList<Figure> Figures, IReadOnlyList<string> Places, PartialDate? FirstSeen, PartialDate? LastSeen)
{
    /// <summary>Stories merged into this one, in the order they merged.</summary>
    public IReadOnlyList<StoryMerge> Merged { get; init; } = [];

    /// <summary>The story's people, places and organisations, joined across its articles, most widely reported first.</summary>
    public IReadOnlyList<Lagebild.Linking.StoryEntity> Entities { get; init; } = [];
}

/// <summary>
/// Builds the situation picture from articles that already carry their story (<see cref="StoryClusterer"/>):
/// per story its articles, its facts on a timeline and its figures reconciled (<see cref="Reconciler"/>).
/// Duplicates (wire copies) add only their headline's facts (the store and the readers keep no others); without a
/// story of their own they join their original's. Stateless.
/// </summary>
public static class SituationBuilder
{
    public static IReadOnlyList<StoryView> Build(IReadOnlyList<SituationArticle> articles, IReadOnlyList<SituationFact> facts, IReadOnlyList<StoryMerge>? merges = null)
    {
        var mergedInto = (merges ?? []).ToLookup(m => m.Survivor, StringComparer.Ordinal);
        var byId = new Dictionary<string, SituationArticle>(StringComparer.Ordinal);
        foreach (var a in articles)
            byId.TryAdd(a.Id, a);
        string StoryOf(SituationArticle a)
        {
            if (a.Story is { } s)
                return s;
            if (a.DuplicateOf is { } orig && byId.TryGetValue(orig, out var original) && original.DuplicateOf is null)
                return StoryOf(original);
            return "story-" + a.Id;
        }
        var factsByArticle = facts.ToLookup(f => f.ArticleId);
        var views = new List<StoryView>();
        foreach (var group in byId.Values.GroupBy(StoryOf))
        {
            var members = group
                .OrderBy(a => a.DuplicateOf is null ? 0 : 1)
                .ThenBy(a => a.Published?.Date ?? DateOnly.MaxValue)
                .ThenBy(a => a.Id, StringComparer.Ordinal)
                .ToList();
            var originals = members.Where(a => a.DuplicateOf is null).ToList();
            var timeline = members.SelectMany(a => factsByArticle[a.Id])
                .OrderBy(f => f.When?.Date ?? DateOnly.MaxValue)
                .ThenBy(f => f.Published?.Date ?? DateOnly.MaxValue)
                .ThenBy(f => f.ArticleId, StringComparer.Ordinal)
                .ThenBy(f => f.Fact.Evidence.Start)
                .ToList();
            var figures = Reconciler.Reconcile(Claims(members, timeline), Country(timeline));
            var places = timeline.Where(f => f.Fact.Place is not null).Select(f => f.Fact.Place!.Name).Distinct().ToList();
            var dates = members.Where(a => a.Published is not null).Select(a => a.Published!.Value).Order().ToList();
            views.Add(new StoryView(group.Key, Title(members[0]), members, timeline, figures, places,
                dates.Count > 0 ? dates[0] : null, dates.Count > 0 ? dates[^1] : null)
            {
                Merged = Absorbed(group.Key, mergedInto),
                Entities = Lagebild.Linking.StoryEntities.Join(originals.Select(a => (a.Id, a.Entities))),
            });
        }
        return views
            .OrderBy(v => v.FirstSeen?.Date ?? DateOnly.MaxValue)
            .ThenBy(v => v.Id, StringComparer.Ordinal)
            .ToList();
    }

    // Every story merged into this one, also through stories that merged into those.
    private static List<StoryMerge> Absorbed(string story, ILookup<string, StoryMerge> mergedInto)
    {
        var result = new List<StoryMerge>();
        var pending = new Queue<string>([story]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { story };
        while (pending.Count > 0)
        {
            foreach (var m in mergedInto[pending.Dequeue()])
            {
                if (seen.Add(m.Absorbed))
                {
                    result.Add(m);
                    pending.Enqueue(m.Absorbed);
                }
            }
        }
        return result;
    }

    // The claims of a story, each with the day its article reports as of; an article that pins no day
    // of its own is read against the story's latest known day.
    private static List<Claim> Claims(List<SituationArticle> articles, List<SituationFact> timeline)
    {
        var clues = articles.ToDictionary(a => a.Id, a => a.Clues ?? new ReportClues(a.Published, null, []), StringComparer.Ordinal);
        var anchor = clues.Values.Select(c => c.AsOf(null)).Where(d => d is not null).Max();
        var asOf = clues.ToDictionary(kv => kv.Key, kv => kv.Value.AsOf(anchor), StringComparer.Ordinal);
        return timeline.Select(f => new Claim(f.ArticleId, f.Fact, f.Sentence, f.Published, asOf.GetValueOrDefault(f.ArticleId))).ToList();
    }

    // The country most of the story's placed facts are in: where "no place" and "landesweit" point.
    private static string? Country(List<SituationFact> timeline) => timeline
        .Select(f => f.Fact.Place?.Country)
        .Where(c => c is not null)
        .GroupBy(c => c)
        .OrderByDescending(g => g.Count())
        .Select(g => g.Key)
        .FirstOrDefault();

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
