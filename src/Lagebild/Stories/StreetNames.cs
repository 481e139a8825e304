using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;

namespace Lagebild.Stories;

/// <summary>
/// Street names in a document ("Tyler Street", "Rivermont Ave.", "Hauptstraße", "Berliner Straße"), read with the
/// language's <c>streets.txt</c>, normalised ("rivermont avenue"). A street is finer than any gazetteer place: two
/// reports that name the same street within days most often tell of one event. Stateless and thread-safe.
/// </summary>
public static class StreetNames
{
    private sealed record Words(FrozenDictionary<string, string> After, string[] Tails)
    {
        public FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> AfterBySpan { get; } = After.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static readonly Lazy<FrozenDictionary<string, Words>> s_words = new(() => LanguageData.Codes.ToFrozenDictionary(c => c, c =>
    {
        var lines = LanguageData.Lines(c, "streets.txt").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        return new Words(
            lines.Where(f => f[0] == "after" && f.Length >= 2).ToFrozenDictionary(f => f[1], f => (f.Length > 2 ? f[2] : f[1]).ToLowerInvariant(), StringComparer.OrdinalIgnoreCase),
            [.. lines.Where(f => f[0] == "tail" && f.Length == 2).Select(f => f[1].ToLowerInvariant())]);
    }));

    /// <summary>Whether a name ends in a street word of the language ("Sheridan Road", "Earl Street"), or is one word ending in a street tail.</summary>
    public static bool EndsWithStreetWord(string name, string language)
    {
        if (!s_words.Value.TryGetValue(language, out var w))
            return false;
        var span = name.AsSpan().TrimEnd();
        int space = span.LastIndexOf(' ');
        var last = span[(space + 1)..];
        return space > 0 && w.AfterBySpan.ContainsKey(last) || EndsWithTail(last, w.Tails);
    }

    /// <summary>The most capitalised words before a street word that belong to its name.</summary>
    public const int MaxNameWords = 2;

    /// <summary>The distinct street names outside boilerplate, lower case, the street word in its canonical form.</summary>
    public static IReadOnlyCollection<string> Find(Document doc, IReadOnlySet<string>? functionWords = null)
    {
        if (!s_words.Value.TryGetValue(doc.Language, out var words) || words.After.Count == 0 && words.Tails.Length == 0)
            return [];
        HashSet<string>? found = null;
        var tokens = doc.Tokens;
        var text = doc.Text;
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            // Street words and street names are capitalised ("Street", "Hauptstraße"); most tokens are not looked at further.
            if (t.Kind != TokenKind.Word || !char.IsUpper(text[t.Start]))
                continue;
            var word = text.AsSpan(t.Start, t.Length);
            bool withPeriod = i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Punctuation && tokens[i + 1].Start == t.End && text[t.End] == '.';
            string? canonical = null;
            if (!(withPeriod && words.AfterBySpan.TryGetValue(text.AsSpan(t.Start, t.Length + 1), out canonical))) // "St." split from its period
                words.AfterBySpan.TryGetValue(word, out canonical);
            if (canonical is not null)
            {
                if (doc.IsBoilerplate(t.Start))
                    continue;
                int first = i;
                while (first > 0 && i - first < MaxNameWords && IsNamePart(doc, first - 1, functionWords))
                    first--;
                if (first < i)
                    (found ??= new(StringComparer.Ordinal)).Add(string.Join(' ', Enumerable.Range(first, i - first).Select(k => text.Substring(tokens[k].Start, tokens[k].Length).ToLowerInvariant())) + " " + canonical);
            }
            else if (EndsWithTail(word, words.Tails) && !doc.IsBoilerplate(t.Start))
            {
                (found ??= new(StringComparer.Ordinal)).Add(word.ToString().ToLowerInvariant());
            }
        }
        return (IReadOnlyCollection<string>?)found ?? [];
    }

    private static bool EndsWithTail(ReadOnlySpan<char> word, string[] tails)
    {
        foreach (var tail in tails)
        {
            if (word.Length > tail.Length + 2 && word.EndsWith(tail, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    // A capitalised word or a number ("Main", "North", "16th", "Karl-Marx") just before that is no function word.
    private static bool IsNamePart(Document doc, int k, IReadOnlySet<string>? functionWords)
    {
        var t = doc.Tokens[k];
        if (t.Kind is not (TokenKind.Word or TokenKind.Number) || doc.IsBoilerplate(t.Start)
            || functionWords is not null && functionWords.Contains(doc.Text.Substring(t.Start, t.Length).ToLowerInvariant()))
            return false; // "The", "On" at a sentence start
        char c = doc.Text[t.Start];
        return char.IsUpper(c) || char.IsDigit(c);
    }
}
