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

    /// <summary>A town adjective ("Grazer", "Passauer") must name a listed town or one at least this big.</summary>
    public const long TownAdjectiveMinPopulation = 50_000;

    private sealed record Cues(FrozenSet<string> Prepositions, string[] Nouns, FrozenSet<string> Stopwords, string[] AdjectiveSuffixes);

    private static readonly string[] s_nounEndings = ["e", "en", "n", "s", "es"];
    private static readonly string[] s_districts = ["West", "Ost", "Nord", "Süd", "Mitte", "Zentrum", "Land", "Stadt"];
    private static readonly string[] s_compass = ["Nordost", "Nordwest", "Südost", "Südwest", "Nord", "Süd", "Ost", "West", "Zentral", "Mittel"];

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
            _cues.Values.SelectMany(c => c.Stopwords).ToFrozenSet(StringComparer.Ordinal),
            []);
    }

    private static Cues Load(string code)
    {
        var lines = LanguageData.Lines(code, "place-cues.txt").Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).ToList();
        return new Cues(
            lines.Where(p => p[0] == "prep").Select(p => p[1]).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            [.. lines.Where(p => p[0] == "noun").Select(p => p[1])],
            LanguageData.Lines(code, "place-stopwords.txt").ToFrozenSet(StringComparer.Ordinal),
            [.. lines.Where(p => p[0] == "adjective-suffix").Select(p => p[1])]);
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
                    doc.Places.Add(new PlaceMention(t.Span, countryName, PlaceLevel.Country, cc, c?.Lat, c?.Lon, Implicit: true) { Id = "iso:" + cc });
                    countryVotes[cc] = countryVotes.GetValueOrDefault(cc) + 1;
                }
                continue;
            }
            if (!char.IsUpper(text[t.Start]))
                continue;
            bool matched = false;
            for (int n = Math.Min(_gazetteer.MaxNameTokens, tokens.Count - i); n >= 1; n--)
            {
                var last = tokens[i + n - 1];
                if (n > 1 && (last.Kind != TokenKind.Word || HasBreak(text, t.Start, last.End)))
                    continue;
                var entries = _gazetteer.Lookup(text.AsSpan(t.Start, last.End - t.Start));
                if (entries.IsEmpty)
                    continue;
                // In a list after a cued name ("in Neusiedl, Eisenstadt und Mattersburg") every name is cued.
                bool cued = IsCued(text, tokens, i, cues)
                    || (found.Count > 0 && found[^1].Cued && found[^1].Last == i - 2 && (text[tokens[i - 1].Start] == ',' || IsAnd(text, tokens[i - 1])));
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
                matched = true;
                break;
            }
            if (!matched && Derived(text.AsSpan(t.Start, t.Length), cues) is { } derived)
            {
                doc.Places.Add(derived with { Span = t.Span });
                if (derived.Level != PlaceLevel.City)
                    countryVotes[derived.Country!] = countryVotes.GetValueOrDefault(derived.Country!) + 1;
            }
        }

        string? dominant = countryVotes.Count == 0 ? null : countryVotes.MaxBy(kv => kv.Value).Key;
        foreach (var (first, last, entries, cued) in found)
        {
            var span = new TextSpan(tokens[first].Start, tokens[last].End);
            var surface = text.AsSpan(span.Start, span.Length);
            var qualifier = Qualifier(text, tokens, last);
            var chosen = Choose(entries.Span, dominant, qualifier is not null || cued, cues.Stopwords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(surface), qualifier);
            if (chosen is not null)
                doc.Places.Add(new PlaceMention(span, surface.ToString(), chosen.Level, chosen.Country, chosen.Lat, chosen.Lon, Implicit: false) { Id = chosen.Id });
        }
        doc.Places.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
    }

    // Names built from a known place: "Süddeutschland", "Nordniger" (a region of the country) and, where the
    // language forms them, town adjectives: "Spielfelder Sammelstelle", "Wiener Polizei" (the town).
    private PlaceMention? Derived(ReadOnlySpan<char> word, Cues cues)
    {
        foreach (var prefix in s_compass)
        {
            if (word.Length > prefix.Length + 3 && word.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = word[prefix.Length..];
                if (rest[0] == '-')
                    rest = rest[1..];
                Span<char> cap = stackalloc char[rest.Length];
                rest.CopyTo(cap);
                cap[0] = char.ToUpperInvariant(cap[0]);
                foreach (var e in _gazetteer.Lookup(cap))
                {
                    if (e.Level == PlaceLevel.Country)
                        return new PlaceMention(default, word.ToString(), PlaceLevel.Region, e.Country, e.Lat, e.Lon, Implicit: false) { Id = e.Id };
                }
            }
        }
        // "Graz-West", "Berlin-Mitte": a district of a known town.
        // "Graz-West", "Wien-Simmering": a district of a known town (any district name after a big or listed town).
        int dash = word.LastIndexOf('-');
        if (dash > 2 && dash < word.Length - 2 && char.IsUpper(word[dash + 1]))
        {
            bool compass = s_districts.Contains(word[(dash + 1)..].ToString());
            foreach (var e in _gazetteer.Lookup(word[..dash]))
            {
                if (e.Level == PlaceLevel.City && (compass || e.Curated || e.Population >= BigCity))
                    return new PlaceMention(default, word.ToString(), PlaceLevel.Locality, e.Country, e.Lat, e.Lon, Implicit: false) { Id = e.Id };
            }
        }
        foreach (var suffix in cues.AdjectiveSuffixes)
        {
            if (word.Length > suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length];
                foreach (var e in _gazetteer.Lookup(stem))
                {
                    // Only listed or sizeable towns: "Sender" is not a town adjective of Send (Surrey).
                    if (e.Level == PlaceLevel.City && (e.Curated || e.Population >= TownAdjectiveMinPopulation))
                        return new PlaceMention(default, stem.ToString(), PlaceLevel.City, e.Country, e.Lat, e.Lon, Implicit: false) { Id = e.Id };
                }
            }
        }
        return null;
    }

    /// <summary>The country a lower-case adjective refers to, or null.</summary>
    public string? Demonym(ReadOnlySpan<char> word)
    {
        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        return _gazetteer.Demonym(lower);
    }

    // "Paris, Texas", "Springfield (Illinois)", "Frankfurt (Oder)": a region or country right after a city name says which one.
    private GazetteerEntry? Qualifier(string text, List<Token> tokens, int last)
    {
        int k = last + 1;
        if (k + 1 >= tokens.Count || text[tokens[k].Start] is not (',' or '(') || HasBreak(text, tokens[last].End, tokens[k + 1].End))
            return null;
        var next = tokens[k + 1];
        if (next.Kind != TokenKind.Word || !char.IsUpper(text[next.Start]))
            return null;
        foreach (var e in _gazetteer.Lookup(text.AsSpan(next.Start, next.Length)))
        {
            if (e.Level is PlaceLevel.Region or PlaceLevel.Country)
                return e;
        }
        return null;
    }

    private static GazetteerEntry? Choose(ReadOnlySpan<GazetteerEntry> entries, string? dominant, bool cued, bool stopword, GazetteerEntry? qualifier = null)
    {
        if (qualifier is not null)
        {
            foreach (var e in entries)
            {
                bool inside = qualifier.Level == PlaceLevel.Country ? e.Country == qualifier.Country : e.Admin1 is not null && e.Admin1 == qualifier.Admin1;
                if (e.Level == PlaceLevel.City && inside)
                    return e; // entries are ordered by population: the biggest such town
            }
        }
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
            // "Tbilisi", "Salzburg": a big city named like its region is the city.
            if (best.Level == PlaceLevel.Region && e.Level == PlaceLevel.City && e.Country == best.Country && e.Population >= BigCity)
            {
                best = e;
                continue;
            }
            if (dominant is not null && e.Country == dominant && best.Country != dominant)
                best = e;
        }
        return best;
    }

    private static bool IsCued(string text, List<Token> tokens, int i, Cues cues)
    {
        if (i == 0)
            return false;
        // "Bezirken – Neusiedl", "Städte: Graz": the cue noun stands before a dash or colon.
        if (i >= 2 && tokens[i - 1].Kind == TokenKind.Punctuation && text[tokens[i - 1].Start] is '–' or '—' or ':' or '-')
            i--;
        var prev = text.AsSpan(tokens[i - 1].Start, tokens[i - 1].Length);
        if (cues.Prepositions.GetAlternateLookup<ReadOnlySpan<char>>().Contains(prev))
            return true;
        foreach (var noun in cues.Nouns)
        {
            // "Stadt", "Gebietshauptstadt", "Bezirken", "Städten"
            if (prev.EndsWith(noun, StringComparison.OrdinalIgnoreCase))
                return true;
            foreach (var ending in s_nounEndings)
            {
                if (prev.Length > noun.Length + ending.Length && prev.EndsWith(ending, StringComparison.OrdinalIgnoreCase)
                    && prev[..^ending.Length].EndsWith(noun, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
        }
        return false;
    }

    private static bool IsAnd(string text, Token t) => text.AsSpan(t.Start, t.Length) is "und" or "and" or "sowie" or "oder" or "or";

    private static bool HasBreak(string text, int from, int to) => text.AsSpan(from, to - from).IndexOfAny('\n', '\r') >= 0;
}
