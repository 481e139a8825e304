using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Language;

/// <summary>
/// Detects the language of a text from the share of each language's frequent function words
/// (<c>Languages/&lt;code&gt;/stopwords.txt</c>). News prose is long enough for this to be reliable and it
/// costs microseconds; texts with too few words, or no clear winner, are "und" (undetermined).
/// A language the source declares is kept when the text does not clearly contradict it.
/// Immutable and thread-safe.
/// </summary>
public sealed class LanguageDetector : IPipelineComponent
{
    public const string Undetermined = "und";

    private const int MaxWords = 600;
    private const int MinWords = 4;
    private const double MinShare = 0.12;

    private readonly FrozenDictionary<string, string[]> _languagesByWord;
    private readonly string[] _codes;

    private readonly FrozenDictionary<char, int> _letterLanguage;

    public LanguageDetector()
        : this(LanguageData.Codes.Where(c => LanguageData.Has(c, "stopwords.txt")).ToDictionary(c => c, c => LanguageData.Lines(c, "stopwords.txt")),
               LanguageData.Codes.ToDictionary(c => c, c => LanguageData.Lines(c, "letters.txt")))
    {
    }

    /// <param name="stopwords">Frequent function words per language code.</param>
    /// <param name="letters">Letters typical of a language (ä, ß, ñ); each occurrence counts half a stopword.</param>
    public LanguageDetector(IReadOnlyDictionary<string, IReadOnlyList<string>> stopwords, IReadOnlyDictionary<string, IReadOnlyList<string>>? letters = null)
    {
        _codes = [.. stopwords.Keys.Order(StringComparer.Ordinal)];
        _letterLanguage = (letters ?? new Dictionary<string, IReadOnlyList<string>>())
            .Where(kv => Array.IndexOf(_codes, kv.Key) >= 0)
            .SelectMany(kv => kv.Value.Where(l => l.Length == 1).Select(l => (Letter: l[0], Lang: Array.IndexOf(_codes, kv.Key))))
            .GroupBy(x => x.Letter).Where(g => g.Count() == 1)
            .ToFrozenDictionary(g => g.Key, g => g.First().Lang);
        _languagesByWord = stopwords
            .SelectMany(kv => kv.Value.Select(w => (Word: w.ToLowerInvariant(), Lang: kv.Key)))
            .GroupBy(x => x.Word)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Lang).Distinct().ToArray(), StringComparer.Ordinal);
    }

    public string Name => "language";
    public IReadOnlyList<string> Requires => [Layers.Boilerplate];
    public IReadOnlyList<string> Assigns => [Layers.Language];

    public void Process(Document document)
    {
        string detected = Detect(document.Text);
        string? declared = Normalise(document.Article.DeclaredLanguage);
        document.Language = detected == Undetermined && declared is not null ? declared : detected;
    }

    /// <summary>The ISO 639-1 code of the text's language, or <see cref="Undetermined"/>.</summary>
    public string Detect(ReadOnlySpan<char> text)
    {
        Span<int> hits = stackalloc int[_codes.Length]; // in half hits
        int words = 0;
        var lookup = _languagesByWord.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[32];
        int i = 0;
        while (i < text.Length && words < MaxWords)
        {
            while (i < text.Length && !char.IsLetter(text[i]))
                i++;
            int start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                if (_letterLanguage.TryGetValue(char.ToLowerInvariant(text[i]), out int hinted))
                    hits[hinted]++;
                i++;
            }
            int len = i - start;
            if (len == 0)
                break;
            words++;
            if (len > lower.Length)
                continue;
            text.Slice(start, len).ToLowerInvariant(lower);
            if (lookup.TryGetValue(lower[..len], out var langs))
            {
                foreach (var l in langs)
                    hits[Array.IndexOf(_codes, l)] += 2;
            }
        }
        if (words < MinWords)
            return Undetermined;
        int best = -1, second = 0;
        for (int k = 0; k < hits.Length; k++)
        {
            if (best < 0 || hits[k] > hits[best])
            {
                if (best >= 0)
                    second = Math.Max(second, hits[best]);
                best = k;
            }
            else
            {
                second = Math.Max(second, hits[k]);
            }
        }
        if (best < 0 || hits[best] < 2 * MinShare * words || hits[best] < 1.5 * second)
            return Undetermined;
        return _codes[best];
    }

    private static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
            return null;
        var c = code.Trim().ToLowerInvariant();
        int dash = c.IndexOfAny(['-', '_']);
        if (dash > 0)
            c = c[..dash];
        return c.Length is 2 or 3 && c.All(char.IsAsciiLetterLower) ? c : null;
    }
}
