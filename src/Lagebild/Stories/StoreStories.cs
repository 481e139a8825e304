using Lagebild.Storage;

namespace Lagebild.Stories;

/// <summary>What a store holds for the situation picture: its articles with their stories, clues and entities, its facts and merges.</summary>
public sealed record StoreSituation(IReadOnlyList<SituationArticle> Articles, IReadOnlyList<SituationFact> Facts, IReadOnlyList<StoryMerge> Merges)
{
    /// <summary>Reads everything the situation picture needs from the store (the articles' texts only where they have no title).</summary>
    public static StoreSituation Load(IArticleStore store)
    {
        var stored = store.StoryAssignments();
        var assignments = stored.ToDictionary(a => a.ArticleId, StringComparer.Ordinal);
        var resolved = StoryIndexer.ResolvedStories(store, stored);
        var entities = store.Entities();
        var storedArticles = store.Articles();
        var articles = storedArticles.Select(a =>
        {
            var s = new SituationArticle(a.Id, a.Title, a.Published, a.Source, a.Url, a.Language, a.Agencies, a.Credits, a.Captions, a.DuplicateOf,
                string.IsNullOrWhiteSpace(a.Title) ? a.Text : null)
            {
                Story = resolved.GetValueOrDefault(a.Id),
                Entities = entities.TryGetValue(a.Id, out var e) ? e : [],
            };
            return assignments.TryGetValue(a.Id, out var x) ? s with { Clues = new ReportClues(a.Published, x.Printed, x.Weekdays) } : s;
        }).ToList();
        var published = storedArticles.ToDictionary(a => a.Id, a => a.Published);
        var facts = store.Facts().Select(f => new SituationFact(f.ArticleId, f.Fact, f.Sentence, published.GetValueOrDefault(f.ArticleId))).ToList();
        var merges = store.StoryMerges().Select(m => new StoryMerge(m.Survivor, m.Absorbed, m.ByArticle)).ToList();
        return new StoreSituation(articles, facts, merges);
    }

    /// <summary>The stories of this situation.</summary>
    public IReadOnlyList<StoryView> Stories() => SituationBuilder.Build(Articles, Facts, Merges);
}
