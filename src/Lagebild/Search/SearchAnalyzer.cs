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
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>> _byTail;
    private readonly FrozenDictionary<string, FrozenSet<string>> _stopwords;
    private readonly string[] _allCodes;

    /// <summary>Compound tails are forms of at least this many letters.</summary>
    private const int MinTail = 6;

    public static SearchAnalyzer Default { get; } = new();

    public SearchAnalyzer()
    {
        var lemmas = new Dictionary<string, FrozenDictionary<string, string>>();
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
        }
        _lemmas = lemmas.ToFrozenDictionary();
        _byTail = _lemmas.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.GetAlternateLookup<ReadOnlySpan<char>>());
        _allCodes = [.. _lemmas.Keys];
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
        var result = new List<(string, TextSpan)>(tokens.Count);
        var codes = Codes(language);
        var terms = new List<string>(4);
        foreach (var t in tokens)
        {
            if (t.Kind is not (TokenKind.Word or TokenKind.Number))
                continue;
            var word = text.AsSpan(t.Start, t.Length).ToString().ToLowerInvariant();
            terms.Clear();
            AddTerms(word, codes, terms);
            foreach (var term in terms)
                result.Add((term, t.Span));
        }
        return result;
    }

    /// <summary>The terms of one lower-cased word: in every language the word could be (the given one first).</summary>
    public IEnumerable<string> Terms(string word, string? language)
    {
        var terms = new List<string>(4);
        AddTerms(word, Codes(language), terms);
        return terms;
    }

    private string[] Codes(string? language) => language is not null && _lemmas.ContainsKey(language) ? [language] : _allCodes;

    // Adds the terms of one word to an empty list, each once: the word and then its hyphen parts, each as its lemma
    // (or the lemma of the longest listed form it ends in, leaving at least three letters before it) and its stem.
    private void AddTerms(string word, string[] codes, List<string> terms)
    {
        // A document drops its language's function words; a query (language unknown) drops any language's.
        foreach (var c in codes)
        {
            if (_stopwords.TryGetValue(c, out var stop) && stop.Contains(word))
                return;
        }
        if (!word.Contains('-'))
        {
            AddPart(word, codes, terms);
            return;
        }
        foreach (var part in word.Split('-', StringSplitOptions.RemoveEmptyEntries).Prepend(word).Distinct())
            AddPart(part, codes, terms);
    }

    private void AddPart(string part, string[] codes, List<string> terms)
    {
        if (part.Length < 2 && !part.All(char.IsDigit))
            return;
        foreach (var code in codes)
        {
            if (_lemmas[code].TryGetValue(part, out var lemma))
            {
                AddNew(terms, lemma);
                continue;
            }
            var tails = _byTail[code];
            for (int length = part.Length - 3; length >= MinTail; length--)
            {
                if (tails.TryGetValue(part.AsSpan(part.Length - length), out var tailLemma))
                {
                    AddNew(terms, tailLemma);
                    break;
                }
            }
        }
        AddNew(terms, Stem(part));
    }

    private static void AddNew(List<string> terms, string term)
    {
        if (!terms.Contains(term))
            terms.Add(term);
    }

    /// <summary>A light, language-neutral stem: inflection endings off words long enough to keep a stem of four letters.</summary>
    public static string Stem(string w)
    {
        // Repeated until nothing changes, so that a stem stems to itself ("kasachstans" and "kasachstan" meet).
        var stem = w.AsSpan();
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var suffix in (ReadOnlySpan<string>)["ungen", "ings", "ern", "en", "es", "er", "ed", "s", "n", "e"])
            {
                if (stem.Length - suffix.Length >= 4 && stem.EndsWith(suffix, StringComparison.Ordinal))
                {
                    stem = stem[..^suffix.Length];
                    changed = true;
                    break;
                }
            }
        }
        return stem.Length == w.Length ? w : stem.ToString();
    }
}
