using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Places;

/// <summary>
/// Finds place names in the text and resolves them against the <see cref="Gazetteer"/>: country
/// names anywhere, country adjectives ("kasachischen") as implicit mentions, regions anywhere,
/// big cities anywhere unless the name is also a common word, other cities only after a place
/// cue ("in", "Stadt", "Gebietshauptstadt"). Ambiguous city names prefer the document's dominant
/// country, then population. Boilerplate is skipped. Immutable and thread-safe.
/// </summary>
public sealed class PlaceRecognizer : IPipelineComponent
{
    /// <summary>Cities at least this big are places even without a cue word.</summary>
    public const long BigCity = 100_000;

    private sealed record Cues(FrozenSet<string> Prepositions, string[] Nouns, FrozenSet<string> Stopwords);

    private readonly Gazetteer _gazetteer;
    private readonly FrozenDictionary<string, Cues> _cues;
    private readonly Cues _anyCues;

    public PlaceRecognizer(Gazetteer? gazetteer = null)
    {
        _gazetteer = gazetteer ?? Gazetteer.Default;
        _cues = LanguageData.Codes.ToFrozenDictionary(c => c, Load);
        _anyCues = new Cues(
            _cues.Values.SelectMany(c => c.Prepositions).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            [.. _cues.Values.SelectMany(c => c.Nouns).Distinct()],
            _cues.Values.SelectMany(c => c.Stopwords).ToFrozenSet(StringComparer.Ordinal));
    }

    private static Cues Load(string code)
    {
        var lines = LanguageData.Lines(code, "place-cues.txt").Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).ToList();
        return new Cues(
            lines.Where(p => p[0] == "prep").Select(p => p[1]).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            [.. lines.Where(p => p[0] == "noun").Select(p => p[1])],
            LanguageData.Lines(code, "place-stopwords.txt").ToFrozenSet(StringComparer.Ordinal));
    }

    public string Name => "places";
    public IReadOnlyList<string> Requires => [Layers.Tokens, Layers.Sentences, Layers.Language, Layers.Boilerplate];
    public IReadOnlyList<string> Assigns => [Layers.Places];

    public Gazetteer Gazetteer => _gazetteer;

    public void Process(Document doc)
    {
        var cues = _cues.GetValueOrDefault(doc.Language) ?? _anyCues;
        var text = doc.Text;
        var tokens = doc.Tokens;
        var found = new List<(int First, int Last, ReadOnlyMemory<GazetteerEntry> Entries, bool Cued)>();
        var countryVotes = new Dictionary<string, int>();

        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Word || doc.IsBoilerplate(t.Start))
                continue;
            if (char.IsLower(text[t.Start]))
            {
                var cc = t.Length > 6 && t.Length < 40 ? Demonym(text.AsSpan(t.Start, t.Length)) : null;
                if (cc is not null && _gazetteer.CountryName(cc, doc.Language) is { } countryName)
                {
                    var c = _gazetteer.Country(cc);
                    doc.Places.Add(new PlaceMention(t.Span, countryName, PlaceLevel.Country, cc, c?.Lat, c?.Lon, Implicit: true));
                    countryVotes[cc] = countryVotes.GetValueOrDefault(cc) + 1;
                }
                continue;
            }
            if (!char.IsUpper(text[t.Start]))
                continue;
            for (int n = Math.Min(_gazetteer.MaxNameTokens, tokens.Count - i); n >= 1; n--)
            {
                var last = tokens[i + n - 1];
                if (n > 1 && (last.Kind != TokenKind.Word || HasBreak(text, t.Start, last.End)))
                    continue;
                var entries = _gazetteer.Lookup(text.AsSpan(t.Start, last.End - t.Start));
                if (entries.IsEmpty)
                    continue;
                bool cued = IsCued(text, tokens, i, cues);
                found.Add((i, i + n - 1, entries.ToArray(), cued));
                foreach (var e in entries)
                {
                    if (e.Level == PlaceLevel.Country)
                    {
                        countryVotes[e.Country] = countryVotes.GetValueOrDefault(e.Country) + 1;
                        break;
                    }
                }
                i += n - 1;
                break;
            }
        }

        string? dominant = countryVotes.Count == 0 ? null : countryVotes.MaxBy(kv => kv.Value).Key;
        foreach (var (first, last, entries, cued) in found)
        {
            var span = new TextSpan(tokens[first].Start, tokens[last].End);
            var surface = text.AsSpan(span.Start, span.Length);
            var chosen = Choose(entries.Span, dominant, cued, cues.Stopwords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(surface));
            if (chosen is not null)
                doc.Places.Add(new PlaceMention(span, surface.ToString(), chosen.Level, chosen.Country, chosen.Lat, chosen.Lon, Implicit: false));
        }
        doc.Places.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
    }

    /// <summary>The country a lower-case adjective refers to, or null.</summary>
    public string? Demonym(ReadOnlySpan<char> word)
    {
        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        return _gazetteer.Demonym(lower);
    }

    private static GazetteerEntry? Choose(ReadOnlySpan<GazetteerEntry> entries, string? dominant, bool cued, bool stopword)
    {
        GazetteerEntry? best = null;
        foreach (var e in entries)
        {
            bool allowed = e.Curated || e.Level == PlaceLevel.Country
                || (!stopword && (cued || e.Level == PlaceLevel.Region || e.Population >= BigCity))
                || (stopword && cued);
            if (!allowed)
                continue;
            if (best is null)
            {
                best = e;
                continue;
            }
            // A country or curated name wins outright; among the rest the dominant country wins, then population.
            if (best.Curated || best.Level == PlaceLevel.Country)
                break;
            if (dominant is not null && e.Country == dominant && best.Country != dominant)
                best = e;
        }
        return best;
    }

    private static bool IsCued(string text, List<Token> tokens, int i, Cues cues)
    {
        if (i == 0)
            return false;
        var prev = text.AsSpan(tokens[i - 1].Start, tokens[i - 1].Length);
        if (cues.Prepositions.GetAlternateLookup<ReadOnlySpan<char>>().Contains(prev))
            return true;
        foreach (var noun in cues.Nouns)
        {
            if (prev.EndsWith(noun, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static bool HasBreak(string text, int from, int to) => text.AsSpan(from, to - from).IndexOfAny('\n', '\r') >= 0;
}
