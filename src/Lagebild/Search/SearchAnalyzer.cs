using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Text;

namespace Lagebild.Search;

/// <summary>
/// Turns text into search terms, the same way for documents and queries: lower-cased words without the
/// language's function words; a word listed in the language's <c>lemmas.txt</c> becomes its lemma (so
/// <em>Festnahmen</em> and <em>festgenommen</em> are both <c>festnehmen</c>), a compound ending in a
/// listed form adds that lemma (<em>Massenfestnahmen</em>), hyphenated words add their parts
/// (<em>Hochwasser-Toten</em>), and everything else is stemmed lightly (<em>Kasachstans</em> →
/// <em>kasachstan</em>). Thread-safe.
/// </summary>
public sealed class SearchAnalyzer
{
    private readonly Tokenizer _tokenizer = new();
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _lemmas;
    private readonly FrozenDictionary<string, (string Form, string Lemma)[]> _tails;
    private readonly FrozenDictionary<string, FrozenSet<string>> _stopwords;

    public static SearchAnalyzer Default { get; } = new();

    public SearchAnalyzer()
    {
        var lemmas = new Dictionary<string, FrozenDictionary<string, string>>();
        var tails = new Dictionary<string, (string, string)[]>();
        foreach (var code in LanguageData.Codes)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in LanguageData.Lines(code, "lemmas.txt"))
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                foreach (var w in words)
                    map.TryAdd(w.ToLowerInvariant(), words[0].ToLowerInvariant());
            }
            lemmas[code] = map.ToFrozenDictionary(StringComparer.Ordinal);
            tails[code] = [.. map.Where(kv => kv.Key.Length >= 6).OrderByDescending(kv => kv.Key.Length).Select(kv => (kv.Key, kv.Value))];
        }
        _lemmas = lemmas.ToFrozenDictionary();
        _tails = tails.ToFrozenDictionary();
        _stopwords = LanguageData.Codes.ToFrozenDictionary(c => c, c => LanguageData.Lines(c, "stopwords.txt").Select(w => w.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>The terms of a text, in order, with the character span each comes from.</summary>
    public List<(string Term, TextSpan Span)> Analyze(string text, string? language)
    {
        var tokens = new List<Token>();
        _tokenizer.Tokenize(text, tokens);
        return Analyze(text, tokens, language);
    }

    /// <summary>The terms of a text already tokenized (an analysed document's body: no second tokenization).</summary>
    public List<(string Term, TextSpan Span)> Analyze(string text, IReadOnlyList<Token> tokens, string? language)
    {
        var result = new List<(string, TextSpan)>();
        foreach (var t in tokens)
        {
            if (t.Kind is not (TokenKind.Word or TokenKind.Number))
                continue;
            var word = text.AsSpan(t.Start, t.Length).ToString().ToLowerInvariant();
            foreach (var term in Terms(word, language))
                result.Add((term, t.Span));
        }
        return result;
    }

    /// <summary>The terms of one lower-cased word: in every language the word could be (the given one first).</summary>
    public IEnumerable<string> Terms(string word, string? language)
    {
        var codes = language is not null && _lemmas.ContainsKey(language) ? [language] : _lemmas.Keys.ToArray();
        // A document drops its language's function words; a query (language unknown) drops any language's.
        if (codes.Any(c => _stopwords.TryGetValue(c, out var stop) && stop.Contains(word)))
            yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in word.Split('-', StringSplitOptions.RemoveEmptyEntries).Prepend(word).Distinct())
        {
            if (part.Length < 2 && !part.All(char.IsDigit))
                continue;
            foreach (var code in codes)
            {
                if (_lemmas[code].TryGetValue(part, out var lemma))
                {
                    if (seen.Add(lemma))
                        yield return lemma;
                    continue;
                }
                foreach (var (form, tailLemma) in _tails[code])
                {
                    if (part.Length > form.Length + 2 && part.EndsWith(form, StringComparison.Ordinal))
                    {
                        if (seen.Add(tailLemma))
                            yield return tailLemma;
                        break;
                    }
                }
            }
            var stem = Stem(part);
            if (seen.Add(stem))
                yield return stem;
        }
    }

    /// <summary>A light, language-neutral stem: inflection endings off words long enough to keep a stem of four letters.</summary>
    public static string Stem(string w)
    {
        // Repeated until nothing changes, so that a stem stems to itself ("kasachstans" and "kasachstan" meet).
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var suffix in (ReadOnlySpan<string>)["ungen", "ings", "ern", "en", "es", "er", "ed", "s", "n", "e"])
            {
                if (w.Length - suffix.Length >= 4 && w.EndsWith(suffix, StringComparison.Ordinal))
                {
                    w = w[..^suffix.Length];
                    changed = true;
                    break;
                }
            }
        }
        return w;
    }
}
