using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Text;

/// <summary>
/// Groups tokens into sentences. A sentence ends at <c>. ! ? …</c> followed by a capital, digit or
/// opening quote, or at a line break (paragraphs and headlines have no final period); closing
/// quotes and brackets after the final mark stay with the sentence. Abbreviations and ordinals
/// never end one because the tokenizer keeps their period inside the token, except a clock suffix ("a.m.") before a
/// capitalised word that is no time word (<c>clock.txt</c>). A run of more than
/// <see cref="MaxTokens"/> tokens without an end is cut into sentences of that length: it is not prose
/// (lists, page furniture, hostile input), and the analysis after this stage must not scan it whole for
/// every count in it. Stateless, thread-safe.
/// </summary>
public sealed class SentenceSplitter : IPipelineComponent
{
    /// <summary>The most tokens a sentence has (in the GVA articles, 16 of 125,000 sentences are longer).</summary>
    public const int MaxTokens = 200;

    public string Name => "sentences";
    public IReadOnlyList<string> Requires => [Layers.Tokens];
    public IReadOnlyList<string> Assigns => [Layers.Sentences];

    public void Process(Document document) => Split(document.Text, document.Tokens, document.Sentences);

    public static void Split(string text, IReadOnlyList<Token> tokens, List<Sentence> into)
    {
        int first = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            bool end = false;
            int last = i;
            if (IsFinal(text, t))
            {
                // Absorb closing quotes, brackets and further marks: «…!“», "?)".
                while (last + 1 < tokens.Count && IsCloser(text, tokens[last + 1], tokens[last]))
                    last++;
                end = last + 1 == tokens.Count || StartsSentence(text, tokens[last + 1]) || LineBreakBetween(text, tokens[last].End, tokens[last + 1].Start);
            }
            else if (i + 1 < tokens.Count && LineBreakBetween(text, t.End, tokens[i + 1].Start))
            {
                end = true;
            }
            else if (i + 1 < tokens.Count && EndsAfterClock(text, t, tokens[i + 1]))
            {
                end = true;
            }
            if (end || last + 1 == tokens.Count || last + 1 - first >= MaxTokens)
            {
                into.Add(new Sentence(tokens[first].Start, tokens[last].End, first, last + 1));
                first = last + 1;
                i = last;
            }
        }
    }

    // "… 4:30 a.m. Arwood was pronounced dead": a clock suffix (clock.txt of every language) ends the sentence before a
    // capital that is no time word ("4:30 a.m. Sunday", "8 p.m. EST", "Jan. 5"). The tokenizer keeps the suffix's periods inside.
    private static bool EndsAfterClock(string text, Token t, Token next)
    {
        var (suffixes, timeWords) = s_clock.Value;
        if (next.Kind != TokenKind.Word || !char.IsUpper(text[next.Start]))
            return false;
        bool suffix = false;
        foreach (var sfx in suffixes)
        {
            if (t.End >= sfx.Length && text.AsSpan(t.End - sfx.Length, sfx.Length).Equals(sfx, StringComparison.OrdinalIgnoreCase)
                && (t.End == sfx.Length || !char.IsLetter(text[t.End - sfx.Length - 1])))
                suffix = true;
        }
        return suffix && !timeWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(next.Start, next.Length).TrimEnd('.'));
    }

    // The clock suffixes, and the time words: clock.txt's, the weekdays of time.txt and the month names of months.txt.
    private static readonly Lazy<(string[] Suffixes, FrozenSet<string> TimeWords)> s_clock = new(() =>
    {
        var codes = LanguageData.Codes;
        var clock = codes.SelectMany(c => LanguageData.Lines(c, "clock.txt")).Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries)).Where(f => f.Length == 2).ToList();
        var weekdays = codes.SelectMany(LanguageData.WeekdayNames);
        var months = codes.SelectMany(LanguageData.MonthNames);
        return ([.. clock.Where(f => f[0] == "suffix").Select(f => f[1])],
            clock.Where(f => f[0] == "time-word").Select(f => f[1]).Concat(weekdays).Concat(months).ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    });

    private static bool IsFinal(string text, Token t) =>
        t.Kind == TokenKind.Punctuation && text[t.Start] is '.' or '!' or '?' or '…';

    // A closer touches the mark before it: »…!«, "…?)". „ and ‚ only ever open a quote.
    private static bool IsCloser(string text, Token next, Token prev)
    {
        if (next.Start != prev.End)
            return false;
        char c = text[next.Start];
        return next.Kind == TokenKind.Quote ? c is not ('„' or '‚') : c is ')' or ']' or '!' or '?' or '.';
    }

    private static bool StartsSentence(string text, Token next)
    {
        char c = text[next.Start];
        return char.IsUpper(c) || char.IsDigit(c) || next.Kind == TokenKind.Quote || c is '(' or '[' or '-' or '–' || next.Kind == TokenKind.Url;
    }

    private static bool LineBreakBetween(string text, int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            if (text[k] is '\n' or '\r' or '\u2029')
                return true;
        }
        return false;
    }
}
