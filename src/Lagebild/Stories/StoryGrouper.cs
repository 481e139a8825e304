using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Places;
using Lagebild.Text;

namespace Lagebild.Stories;

/// <summary>The salient terms of an article, weighted: the input to story grouping.</summary>
/// <param name="Id">Article id.</param>
/// <param name="Published">Publication date, for ordering within a story.</param>
/// <param name="Terms">Crudely stemmed salient words and their weights (place names weigh more).</param>
public sealed record StoryArticle(string Id, PartialDate? Published, IReadOnlyDictionary<string, double> Terms);

/// <summary>A story: articles about one topic, oldest first. Its id is derived from its first article.</summary>
public sealed record Story(string Id, IReadOnlyList<string> ArticleIds);

/// <summary>
/// Groups articles into stories of near-identical topics: articles whose weighted salient-term sets
/// overlap (weighted Jaccard ≥ <see cref="Threshold"/>) are linked, and linked articles form one story
/// (single link). Salient terms are names and nouns (capitalised words in German, content words
/// elsewhere) without function words, weekdays and months; gazetteer places weigh three times.
/// This is the v1 grouping the report needs; streaming clustering with entities, coordinates, time
/// decay and facts replaces it later. Immutable and thread-safe.
/// </summary>
public sealed class StoryGrouper(double threshold = StoryGrouper.DefaultThreshold)
{
    /// <summary>
    /// Measured on the seeds and the bundled samples: reports of one event score 0.13–0.25 (the two
    /// seeds 0.13), unrelated German reports at most 0.08.
    /// </summary>
    public const double DefaultThreshold = 0.1;

    private const double PlaceWeight = 3;

    public double Threshold { get; } = threshold;

    private static readonly Lazy<FrozenSet<string>> s_ignored = new(() =>
        LanguageData.Codes.SelectMany(c => LanguageData.Lines(c, "stopwords.txt")
                .Concat(LanguageData.Lines(c, "months.txt").SelectMany(l => l.Split(' ').Skip(1)))
                .Concat(LanguageData.Lines(c, "time.txt").Where(l => l.StartsWith("weekday ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1])))
            .Select(w => w.ToLowerInvariant()).ToFrozenSet());

    private static readonly Lazy<Tokenizer> s_tokenizer = new(() => new Tokenizer());

    /// <summary>Salient terms of a text and their weights; <paramref name="language"/> "de" takes capitalised words only.</summary>
    public static Dictionary<string, double> Terms(string text, string language)
    {
        var tokens = new List<Token>();
        s_tokenizer.Value.Tokenize(text, tokens);
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        bool nounsOnly = language == "de";
        var gazetteer = Gazetteer.Default;
        foreach (var t in tokens)
        {
            if (t.Kind != TokenKind.Word || t.Length < 4 || (nounsOnly && !char.IsUpper(text[t.Start])))
                continue;
            var surface = text.AsSpan(t.Start, t.Length);
            var w = surface.ToString().ToLowerInvariant();
            if (s_ignored.Value.Contains(StripDayPart(w)))
                continue;
            double weight = char.IsUpper(surface[0]) && IsPlace(gazetteer, surface) ? PlaceWeight : 1;
            var stem = Stem(w);
            terms[stem] = Math.Max(weight, terms.GetValueOrDefault(stem));
        }
        return terms;
    }

    private static bool IsPlace(Gazetteer g, ReadOnlySpan<char> name)
    {
        foreach (var e in g.Lookup(name))
        {
            if (e.Curated || e.Level != PlaceLevel.City || e.Population >= PlaceRecognizer.BigCity)
                return true;
        }
        return false;
    }

    // "sonntagabend" → "sonntag"
    private static string StripDayPart(string w)
    {
        foreach (var part in new[] { "abend", "morgen", "nacht", "mittag" })
        {
            if (w.Length > part.Length + 4 && w.EndsWith(part, StringComparison.Ordinal))
                return w[..^part.Length];
        }
        return w;
    }

    // Enough to join "Festnahmen"/"Festnahme", "Kasachstans"/"Kasachstan" for overlap counting.
    private static string Stem(string w)
    {
        foreach (var suffix in new[] { "ungen", "en", "es", "er", "s", "n", "e" })
        {
            if (w.Length - suffix.Length >= 4 && w.EndsWith(suffix, StringComparison.Ordinal))
                return w[..^suffix.Length];
        }
        return w;
    }

    /// <summary>Weighted Jaccard: the sum of the smaller weights over the sum of the larger ones.</summary>
    public static double Similarity(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        if (a.Count == 0 || b.Count == 0)
            return 0;
        double min = 0, max = 0;
        foreach (var (term, wa) in a)
        {
            double wb = b.GetValueOrDefault(term);
            min += Math.Min(wa, wb);
            max += Math.Max(wa, wb);
        }
        foreach (var (term, wb) in b)
        {
            if (!a.ContainsKey(term))
                max += wb;
        }
        return max == 0 ? 0 : min / max;
    }
    /// <summary>Groups the articles; stories are ordered by their first publication, articles within by date then id.</summary>
    public IReadOnlyList<Story> Group(IReadOnlyList<StoryArticle> articles)
    {
        var parent = Enumerable.Range(0, articles.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        for (int i = 0; i < articles.Count; i++)
        {
            for (int j = i + 1; j < articles.Count; j++)
            {
                if (Find(i) != Find(j) && Similarity(articles[i].Terms, articles[j].Terms) >= Threshold)
                    parent[Find(j)] = Find(i);
            }
        }
        return Enumerable.Range(0, articles.Count)
            .GroupBy(Find)
            .Select(g => g.Select(i => articles[i]).OrderBy(a => a.Published?.Date ?? DateOnly.MaxValue).ThenBy(a => a.Id, StringComparer.Ordinal).ToList())
            .OrderBy(s => s[0].Published?.Date ?? DateOnly.MaxValue).ThenBy(s => s[0].Id, StringComparer.Ordinal)
            .Select(s => new Story("story-" + s[0].Id, s.Select(a => a.Id).ToList()))
            .ToList();
    }
}
