using System.Collections.Frozen;

namespace Lagebild.Facts;

/// <summary>
/// A set of lower-case phrases matched token by token against a sentence. A phrase word "…" skips
/// up to <see cref="MaxGap"/> tokens; a single-word phrase starting with "~" also matches compounds
/// that end in it ("~verletzte" matches "schwerverletzte"). Immutable and thread-safe.
/// </summary>
/// <typeparam name="T">The value a phrase carries.</typeparam>
public sealed class PhraseSet<T>
{
    public const int MaxGap = 16;

    /// <summary>One phrase: its words, whether it may be a compound tail, and its value.</summary>
    public sealed record Phrase(string[] Words, bool Compound, T Value)
    {
        public bool HasGap => Array.IndexOf(Words, "…") >= 0;
    }

    /// <summary>A match: the tokens [First, Last] it covers and the phrase.</summary>
    public readonly record struct Match(int First, int Last, Phrase Phrase);

    private readonly FrozenDictionary<string, Phrase[]> _byFirstWord;
    private readonly Phrase[] _compounds;

    public PhraseSet(IEnumerable<(string Text, T Value)> phrases)
    {
        var list = new List<Phrase>();
        foreach (var (text, value) in phrases)
        {
            var t = text.Trim().ToLowerInvariant();
            bool compound = t.StartsWith('~');
            if (compound)
                t = t[1..];
            var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0)
                list.Add(new Phrase(words, compound && words.Length == 1, value));
        }
        // Longest phrases first so that the first match at a position is the longest.
        _byFirstWord = list.GroupBy(p => p.Words[0])
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Length).ToArray(), StringComparer.Ordinal);
        _compounds = [.. list.Where(p => p.Compound).OrderByDescending(p => p.Words[0].Length)];
        Count = list.Count;
    }

    public int Count { get; }

    /// <summary>The longest phrase starting at token <paramref name="i"/> of <paramref name="words"/> (lower case), ending before <paramref name="end"/>.</summary>
    public Match? MatchAt(IReadOnlyList<string> words, int i, int end) => MatchAt(words, i, end, null);

    /// <summary>The longest phrase at token <paramref name="i"/> that <paramref name="accept"/> takes (all when null).</summary>
    public Match? MatchAt(IReadOnlyList<string> words, int i, int end, Func<Phrase, bool>? accept)
    {
        if (_byFirstWord.TryGetValue(words[i], out var candidates))
        {
            foreach (var p in candidates)
            {
                if (accept is not null && !accept(p))
                    continue;
                int last = MatchRest(words, p.Words, 1, i + 1, end);
                if (last >= 0)
                    return new Match(i, last == int.MaxValue ? i : last, p);
            }
        }
        foreach (var p in _compounds)
        {
            if (accept is not null && !accept(p))
                continue;
            var w = words[i];
            if (w.Length > p.Words[0].Length + 2 && w.EndsWith(p.Words[0], StringComparison.Ordinal))
                return new Match(i, i, p);
        }
        return null;
    }

    /// <summary>
    /// All matches that start in tokens [start, end), left to right, not overlapping; a match may run on to
    /// <paramref name="extendTo"/> (default: <paramref name="end"/>), so a window that ends inside a phrase still
    /// finds the whole phrase ("shot to death", not "shot").
    /// </summary>
    public List<Match> FindAll(IReadOnlyList<string> words, int start, int end, Func<Phrase, bool>? accept = null, int? extendTo = null)
    {
        var found = new List<Match>();
        int limit = Math.Max(end, extendTo ?? end);
        for (int i = start; i < end; i++)
        {
            if (MatchAt(words, i, limit, accept) is { } m)
            {
                found.Add(m);
                if (!m.Phrase.HasGap)
                    i = m.Last;
            }
        }
        return found;
    }

    // Returns the index of the last matched token, int.MaxValue for a one-word phrase, or -1.
    private static int MatchRest(IReadOnlyList<string> words, string[] phrase, int k, int i, int end)
    {
        if (k == phrase.Length)
            return k == 1 ? int.MaxValue : i - 1;
        if (phrase[k] == "…")
        {
            for (int gap = 0; gap <= MaxGap && i + gap < end; gap++)
            {
                int r = MatchRest(words, phrase, k + 1, i + gap, end);
                if (r >= 0)
                    return r;
            }
            return -1;
        }
        if (i >= end || words[i] != phrase[k])
            return -1;
        return MatchRest(words, phrase, k + 1, i + 1, end);
    }
}
