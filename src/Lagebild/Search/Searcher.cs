using Lagebild.Model;
using Lagebild.Storage;

namespace Lagebild.Search;

/// <summary>One search result: the article, its story, its score and a snippet with the matching words marked.</summary>
/// <param name="Highlights">Spans of the matching words, as offsets into <paramref name="Snippet"/>.</param>
public sealed record SearchHit(string ArticleId, string? Title, PartialDate? Published, string? Story, double Score, string Snippet, IReadOnlyList<TextSpan> Highlights);

/// <summary>
/// Searches a store: the query is analysed like the articles (every word must match, in any of its forms:
/// <em>Festnahmen</em> finds <em>festgenommen</em>), results come ranked with a snippet around the densest
/// run of matches. Thread-safe.
/// </summary>
public static class Searcher
{
    /// <summary>How many characters a snippet shows at most.</summary>
    public const int SnippetLength = 220;

    /// <summary>The query as groups of alternative terms, one group per word that is not a function word.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> QueryTerms(string query)
    {
        var analyzer = SearchAnalyzer.Default;
        return analyzer.Analyze(query, null)
            .GroupBy(t => t.Span)
            .Select(g => (IReadOnlyList<string>)g.Select(t => t.Term).Distinct().ToList())
            .ToList();
    }

    public static IReadOnlyList<SearchHit> Search(IArticleStore store, string query, SearchFilter filter, int limit = 20,
        IReadOnlyDictionary<string, string>? stories = null)
    {
        var groups = QueryTerms(query);
        if (groups.Count == 0)
            return [];
        var wanted = groups.SelectMany(g => g).ToHashSet(StringComparer.Ordinal);
        var hits = new List<SearchHit>();
        foreach (var (id, score) in store.Search(groups, filter, limit))
        {
            var a = store.Article(id);
            if (a?.Text is null)
                continue;
            var (snippet, marks) = Snippet(a.Text, a.Language, wanted);
            hits.Add(new SearchHit(id, a.Title, a.Published, stories?.GetValueOrDefault(id), score, snippet, marks));
        }
        return hits;
    }

    /// <summary>The part of the text with the most matching words, and where they are in it.</summary>
    public static (string Snippet, IReadOnlyList<TextSpan> Highlights) Snippet(string text, string? language, IReadOnlySet<string> wanted)
    {
        var matches = SearchAnalyzer.Default.Analyze(text, language).Where(t => wanted.Contains(t.Term)).Select(t => t.Span).Distinct().ToList();
        if (matches.Count == 0)
            return (Shorten(text, 0), []);
        // The window of SnippetLength characters starting at a match that holds the most matches (two pointers: linear).
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        int bestStart = matches[0].Start, bestCount = 0;
        for (int i = 0, j = 0; i < matches.Count; i++)
        {
            if (j < i)
                j = i;
            while (j + 1 < matches.Count && matches[j + 1].End <= matches[i].Start + SnippetLength)
                j++;
            if (j - i + 1 > bestCount)
                (bestStart, bestCount) = (matches[i].Start, j - i + 1);
        }
        // Start at the beginning of the sentence or a few words before the first match.
        int start = Math.Max(0, bestStart - 40);
        int dot = text.LastIndexOfAny(['.', '!', '?', '\n'], Math.Max(0, bestStart - 1), bestStart - start);
        if (dot >= 0)
            start = dot + 1;
        while (start < bestStart && char.IsWhiteSpace(text[start]))
            start++;
        int end = Math.Min(text.Length, start + SnippetLength);
        string snippet = (start > 0 ? "…" : "") + text[start..end] + (end < text.Length ? "…" : "");
        int shift = start > 0 ? 1 - start : 0;
        var marks = matches.Where(m => m.Start >= start && m.End <= end).Select(m => new TextSpan(m.Start + shift, m.End + shift)).ToList();
        return (snippet, marks);
    }

    private static string Shorten(string text, int start)
    {
        int end = Math.Min(text.Length, start + SnippetLength);
        return text[start..end] + (end < text.Length ? "…" : "");
    }
}
