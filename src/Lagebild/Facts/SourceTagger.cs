using Lagebild.Model;

namespace Lagebild.Facts;

/// <summary>An attribution found in a sentence: who, the cue, and where.</summary>
public sealed record SourceMention(int FirstToken, int LastToken, FactSource Source);

/// <summary>
/// Finds who a statement is attributed to: "laut X", "nach Angaben des X", "unter Berufung auf X",
/// "X zufolge", "sagte X" / "X sagte", and compounds such as "nach Polizeiangaben" (→ Polizei).
/// The source is normalised: determiners dropped, a genitive "-s" after "des" removed
/// ("des Innenministeriums" → "Innenministerium"). Stateless beyond its lexicon; thread-safe.
/// </summary>
public sealed class SourceTagger(FactLexicon lex)
{
    private const int MaxSourceTokens = 6;

    // Word lists of the language's sources.txt: articles, genitive articles, and words that join a name's parts.
    private readonly HashSet<string> _determiners = [.. lex.SourceWords("determiner")];
    private readonly HashSet<string> _genitiveDeterminers = [.. lex.SourceWords("genitive")];
    private readonly HashSet<string> _joiners = [.. lex.SourceWords("joiner")];

    /// <summary>Attributions in sentence tokens [start, end).</summary>
    public List<SourceMention> Find(Document doc, string[] lower, int start, int end)
    {
        var found = new List<SourceMention>();
        for (int i = start; i < end; i++)
        {
            var m = lex.SourceCues.MatchAt(lower, i, end);
            if (m is null)
            {
                if (Compound(doc, lower, i, start, end) is { } c)
                    found.Add(c);
                continue;
            }
            var match = m.Value;
            string position = match.Phrase.Value;
            string cue = doc.Text[doc.Tokens[match.First].Start..doc.Tokens[match.Last].End];
            (int First, int Last)? np = position switch
            {
                "before" => NounPhraseAfter(doc, lower, match.Last + 1, end),
                "after" => NounPhraseBefore(doc, lower, match.First - 1, start),
                _ => NounPhraseAfter(doc, lower, (match.Phrase.HasGap ? match.First : match.Last) + 1, end) is { } after && IsNameLike(doc, lower, after.First)
                     && (lex.NounsCapitalized || EndsClause(doc, after.Last + 1, end))
                    ? after
                    : NounPhraseBefore(doc, lower, match.First - 1, start),
            };
            if (np is { } p)
            {
                // "Medienberichten zufolge": the compound names the source in its first part.
                var name = Normalise(doc, lower, p.First, p.Last);
                if (name.Length > 0)
                    found.Add(new SourceMention(Math.Min(p.First, match.First), Math.Max(p.Last, match.Last), new FactSource(name, cue)));
            }
            i = match.Last;
        }
        return found;
    }

    // "nach Polizeiangaben", "laut Polizeiberichten" → Polizei.
    private SourceMention? Compound(Document doc, string[] lower, int i, int start, int end)
    {
        var w = lower[i];
        foreach (var tail in lex.SourceCompoundTails)
        {
            if (w.Length > tail.Length + 2 && w.EndsWith(tail, StringComparison.Ordinal)
                && (i > start && lower[i - 1] is "nach" or "laut" || i + 1 < end && lower[i + 1] == "zufolge"))
            {
                var t = doc.Tokens[i];
                string head = doc.Text.Substring(t.Start, t.Length - tail.Length).TrimEnd('-');
                return new SourceMention(i > start && lower[i - 1] is "nach" or "laut" ? i - 1 : i, i, new FactSource(head, doc.Text[t.Start..t.End]));
            }
        }
        return null;
    }

    // English puts the source after the verb only at the end of a clause ("…, said police."); otherwise the
    // words after "said" are what was said ("Police said three people were arrested").
    private static bool EndsClause(Document doc, int next, int end) =>
        next >= end || doc.Tokens[next].Kind is TokenKind.Punctuation or TokenKind.Quote;

    private bool IsNameLike(Document doc, string[] lower, int token) =>
        char.IsUpper(doc.Text[doc.Tokens[token].Start]) || _determiners.Contains(lower[token]) || (!lex.NounsCapitalized && IsContentWord(lower[token]));

    // Where nouns are lower case, any word that is not a function word may be part of a source ("police").
    private bool IsContentWord(string w) => !lex.NounsCapitalized && w.Length > 1 && !lex.Stopwords.Contains(w) && char.IsLetter(w[0]) && !lex.NumberWords.ContainsKey(w);

    private bool IsNounLike(Document doc, string[] lower, int k) => char.IsUpper(doc.Text[doc.Tokens[k].Start]) || IsContentWord(lower[k]);

    // Determiner? (adjective | noun | name)+ with "von"/"für"/"des" joining nouns; stops at verbs and punctuation.
    private (int First, int Last)? NounPhraseAfter(Document doc, string[] lower, int i, int end)
    {
        var tokens = doc.Tokens;
        int first = i, last = -1;
        bool sawNoun = false;
        for (int k = i; k < end && k - i < MaxSourceTokens; k++)
        {
            var t = tokens[k];
            if (t.Kind != TokenKind.Word)
                break;
            if (_determiners.Contains(lower[k]) && !sawNoun)
                continue;
            if (IsNounLike(doc, lower, k))
            {
                sawNoun = true;
                last = k;
            }
            else if (!sawNoun && IsAdjective(lower[k]))
            {
                continue;
            }
            else if (sawNoun && _joiners.Contains(lower[k]) && k + 1 < end && tokens[k + 1].Kind == TokenKind.Word
                && (char.IsUpper(doc.Text[tokens[k + 1].Start]) || _determiners.Contains(lower[k + 1])))
            {
                continue;
            }
            else
            {
                break;
            }
        }
        return last < 0 ? null : (first, last);
    }

    private (int First, int Last)? NounPhraseBefore(Document doc, string[] lower, int i, int start)
    {
        var tokens = doc.Tokens;
        if (i < start || tokens[i].Kind != TokenKind.Word || !IsNounLike(doc, lower, i))
            return null;
        int first = i;
        for (int k = i - 1; k >= start && i - k < MaxSourceTokens; k--)
        {
            if (tokens[k].Kind != TokenKind.Word)
                break;
            if (IsNounLike(doc, lower, k) || (lex.NounsCapitalized && IsAdjective(lower[k])) || _determiners.Contains(lower[k]))
                first = k;
            else
                break;
        }
        return (first, i);
    }

    private static bool IsAdjective(string w) => w.Length > 3 && (w.EndsWith('e') || w.EndsWith("en") || w.EndsWith("er") || w.EndsWith("es") || w.EndsWith("em"));

    private string Normalise(Document doc, string[] lower, int first, int last)
    {
        bool genitive = false;
        string? determiner = null;
        while (first <= last && _determiners.Contains(lower[first]))
        {
            genitive |= _genitiveDeterminers.Contains(lower[first]);
            determiner = lower[first];
            first++;
        }
        if (first > last)
            return "";
        var words = new List<string>();
        for (int k = first; k <= last; k++)
            words.Add(doc.Text.Substring(doc.Tokens[k].Start, doc.Tokens[k].Length));
        // The head noun is the last capitalised word before any "von/des" tail.
        int head = words.Count - 1;
        for (int k = 0; k < words.Count; k++)
        {
            if (_joiners.Contains(words[k].ToLowerInvariant()))
            {
                head = k - 1;
                break;
            }
        }
        if (head >= 0)
        {
            var w = words[head];
            if (lex.SourceCompoundTails.FirstOrDefault(tail => w.ToLowerInvariant().EndsWith(tail, StringComparison.Ordinal) && w.Length > tail.Length + 2) is { } t && head == words.Count - 1)
                words[head] = w[..^t.Length].TrimEnd('-'); // "Medienberichten zufolge" → Medien
            else if (determiner is not null && lex.Genders.Count > 0)
                Nominative(words, head, determiner);
            else if (genitive && w.Length > 4 && w.EndsWith('s') && !w.EndsWith("ss"))
                words[head] = IsStrongEs(w) ? w[..^2] : w[..^1];
        }
        return string.Join(' ', words);
    }

    // German: the source in its nominative without article, from the gender of its head noun:
    // "dem türkischen Militär" → "türkisches Militär", "des Innenministeriums" → "Innenministerium",
    // "der syrischen Beobachtungsstelle" → "syrische Beobachtungsstelle", "dem Präsidenten" → "Präsident".
    private void Nominative(List<string> words, int head, string determiner)
    {
        var noun = words[head];
        var lowerNoun = noun.ToLowerInvariant();
        // The longest listed word or compound tail the noun ends in, with the inflection after it.
        string? gender = null, inflection = null;
        int best = 0;
        foreach (var (tail, g) in lex.Genders)
        {
            if (tail.Length <= best)
                continue;
            foreach (var suffix in s_nounInflections)
            {
                if (lowerNoun.EndsWith(tail + suffix, StringComparison.Ordinal))
                {
                    (gender, inflection, best) = (g, suffix, tail.Length);
                    break;
                }
            }
        }
        bool genitive = determiner is "des" or "eines";
        if (gender is null)
        {
            if (genitive && noun.Length > 4 && noun.EndsWith('s') && !noun.EndsWith("ss"))
                words[head] = IsStrongEs(noun) ? noun[..^2] : noun[..^1];
            return;
        }
        bool plural = gender == "pl" || (determiner == "der" && gender != "f") || determiner == "den";
        if (!plural && inflection!.Length > 0 && (gender == "weak" || genitive))
            words[head] = noun[..^inflection.Length]; // "Präsidenten" → "Präsident", "Innenministeriums" → "Innenministerium"
        string ending = plural ? "e" : gender switch { "m" or "weak" => "er", "n" => "es", _ => "e" };
        for (int k = 0; k < head; k++)
        {
            var a = words[k];
            if (a.Length < 4 || (char.IsUpper(a[0]) && !(k == head - 1 && a.EndsWith("en", StringComparison.Ordinal))))
                continue; // names stay; a capitalised adjective right before the head inflects too ("des Roten Kreuzes")
            foreach (var e in s_adjectiveEndings)
            {
                if (a.EndsWith(e, StringComparison.Ordinal))
                {
                    words[k] = a[..^e.Length] + ending;
                    break;
                }
            }
        }
    }

    private static readonly string[] s_nounInflections = ["", "s", "es", "en", "n"];
    private static readonly string[] s_adjectiveEndings = ["en", "em", "er", "es", "e"];

    // "Landes", "Amtes", "Hauses", "Kreuzes" take -es after d, t, s, z, ß; "Ministeriums", "Militärs" only -s.
    private static bool IsStrongEs(string w) => w.Length > 5 && w.EndsWith("es") && w[^3] is 'd' or 't' or 's' or 'z' or 'ß';
}
