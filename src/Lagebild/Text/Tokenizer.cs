using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Text;

/// <summary>
/// Splits text into tokens with character offsets. Keeps together German and English numbers
/// (<c>10.000</c>, <c>1,5</c>, <c>2,000</c>), numeric dates (<c>9.1.2022</c>), ordinals (<c>12.</c> before a
/// month or a lowercase word), abbreviations (<c>Nr.</c>, <c>z.</c> <c>B.</c>), hyphenated names
/// (<c>Kassym-Schomart</c>) and URLs; quotes of every style (» « „ “ ” " ‚ ‘) are tokens of their own.
/// Immutable and thread-safe.
/// </summary>
public sealed class Tokenizer : IPipelineComponent
{
    private readonly FrozenSet<string> _abbreviations;
    private readonly FrozenSet<string> _months;
    private readonly FrozenSet<string> _ordinalBefore;

    /// <summary>Builds a tokenizer from the abbreviation and month lists of every language folder.</summary>
    public Tokenizer()
        : this(LanguageData.Codes.SelectMany(c => LanguageData.Lines(c, "abbreviations.txt")),
               LanguageData.Codes.SelectMany(LanguageData.MonthNames),
               LanguageData.Codes.SelectMany(c => LanguageData.Lines(c, "ordinal-before.txt")))
    {
    }

    /// <param name="abbreviations">Words that keep their period (without it).</param>
    /// <param name="monthNames">Month names: a number and period before one is an ordinal.</param>
    /// <param name="ordinalBefore">Words after which a number and period is an ordinal ("zum 3. Mal").</param>
    public Tokenizer(IEnumerable<string> abbreviations, IEnumerable<string> monthNames, IEnumerable<string> ordinalBefore)
    {
        _abbreviations = abbreviations.ToFrozenSet(StringComparer.Ordinal);
        _months = monthNames.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _ordinalBefore = ordinalBefore.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public string Name => "tokenizer";
    public IReadOnlyList<string> Requires => [];
    public IReadOnlyList<string> Assigns => [Layers.Tokens];

    public void Process(Document document) => Tokenize(document.Text, document.Tokens);

    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="into"/>.</summary>
    public void Tokenize(string text, List<Token> into)
    {
        int i = 0, n = text.Length;
        while (i < n)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF')
            {
                i++;
                continue;
            }
            int start = i;
            if (IsUrlStart(text, i))
            {
                i = ScanUrl(text, i);
                into.Add(new Token(start, i, TokenKind.Url));
            }
            else if (char.IsDigit(c))
            {
                i = ScanNumber(text, i, out var kind);
                into.Add(new Token(start, i, kind));
            }
            else if (char.IsLetter(c))
            {
                i = ScanWord(text, i);
                into.Add(new Token(start, i, TokenKind.Word));
            }
            else if (IsQuote(c))
            {
                into.Add(new Token(start, ++i, TokenKind.Quote));
            }
            else if (c == '.' && i + 2 < n && text[i + 1] == '.' && text[i + 2] == '.')
            {
                i += 3;
                into.Add(new Token(start, i, TokenKind.Punctuation));
            }
            else if (char.IsPunctuation(c))
            {
                into.Add(new Token(start, ++i, TokenKind.Punctuation));
            }
            else
            {
                // Surrogate pairs (emoji) stay one token.
                i += char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                into.Add(new Token(start, i, TokenKind.Symbol));
            }
        }
    }

    public static bool IsQuote(char c) => c is '"' or '»' or '«' or '„' or '“' or '”' or '‚' or '‘' or '’' or '\'' or '‹' or '›';

    private static bool IsUrlStart(string t, int i) =>
        (t[i] is 'h' or 'H' && (Has(t, i, "http://") || Has(t, i, "https://")))
        || (t[i] is 'w' or 'W' && Has(t, i, "www.") && i + 4 < t.Length && char.IsLetterOrDigit(t[i + 4]));

    private static bool Has(string t, int i, string s) => string.Compare(t, i, s, 0, s.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static int ScanUrl(string t, int i)
    {
        int n = t.Length;
        while (i < n && !char.IsWhiteSpace(t[i]) && t[i] is not ('»' or '«' or '„' or '“' or '”' or '<' or '>'))
            i++;
        // Trailing punctuation belongs to the sentence, not the URL.
        while (i > 0 && t[i - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or '"' or '\'')
            i--;
        return i;
    }

    private int ScanWord(string t, int i)
    {
        int start = i, n = t.Length;
        while (i < n)
        {
            char c = t[i];
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            {
                i++;
            }
            else if (c is '\u00AD' or '\u200D' or '\u200C' && i + 1 < n && char.IsLetter(t[i + 1]))
            {
                i++; // soft hyphen or joiner inside a name: keep the word whole
            }
            else if (c is '-' or '\u2011' or '\'' or '’' or '&' && i + 1 < n && char.IsLetterOrDigit(t[i + 1]) && i > start)
            {
                i++; // Kassym-Schomart, OVKS-Friedenstruppen, don't, AT&T
            }
            else if (c == '-' && i > start && (i + 1 == n || t[i + 1] is ' ' or ',') && IsTruncationHyphen(t, i + 1))
            {
                i++; // "Ein- und Ausreise": the hyphen marks a shared compound tail
                break;
            }
            else
            {
                break;
            }
        }
        if (i < n && t[i] == '.')
        {
            var word = t.AsSpan(start, i - start);
            // Initials and the parts of "z. B." / "u. a.": one letter and a period.
            if (word.Length == 1 && char.IsLetter(word[0]))
                return i + 1;
            var lookup = _abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.Contains(word))
                return i + 1;
            // Dotted abbreviations written without spaces: z.B., u.a., U.S.
            int j = i;
            while (j + 2 < n && t[j] == '.' && char.IsLetter(t[j + 1]) && (t[j + 2] == '.' || !char.IsLetter(t[j + 2])))
            {
                if (lookup.Contains(t.AsSpan(start, j + 2 - start)))
                    return t[j + 2] == '.' ? j + 3 : j + 2;
                j += 2;
            }
        }
        return i;
    }

    private static bool IsTruncationHyphen(string t, int i)
    {
        while (i < t.Length && t[i] is ' ' or ',')
            i++;
        return Has(t, i, "und ") || Has(t, i, "oder ") || Has(t, i, "bis ") || Has(t, i, "sowie ") || Has(t, i, "and ") || Has(t, i, "or ");
    }

    private int ScanNumber(string t, int i, out TokenKind kind)
    {
        int start = i, n = t.Length;
        int groups = 0, dots = 0, commas = 0, colons = 0, dashes = 0;
        while (i < n && char.IsDigit(t[i]))
            i++;
        while (i + 1 < n && char.IsDigit(t[i + 1]))
        {
            char sep = t[i];
            if (sep == '.') dots++;
            else if (sep == ',') commas++;
            else if (sep == ':') colons++;
            else if (sep == '-' && dashes < 2 && (i - start == 4 || dashes == 1)) dashes++;
            else if (sep is '\u00A0' or '\u202F' or '\u2009' && CountDigits(t, i + 1) == 3) { } // 10 000 with a non-breaking space
            else break;
            i++;
            while (i < n && char.IsDigit(t[i]))
                i++;
            groups++;
        }
        if (dashes == 2 && groups == 2)
        {
            kind = TokenKind.Date; // 2022-01-09
            return i;
        }
        if (dots == 2 && groups == 2 && IsDayMonthYear(t.AsSpan(start, i - start)))
        {
            kind = TokenKind.Date; // 9.1.2022
            return i;
        }
        // Digits glued to letters form one word: 2000er, G20 is caught as a word, 13-Jährige.
        if (i < n && (char.IsLetter(t[i]) || (t[i] == '-' && i + 1 < n && char.IsLetter(t[i + 1]))) && groups == 0)
        {
            kind = TokenKind.Word;
            return ScanWord(t, start);
        }
        kind = TokenKind.Number;
        if (groups == 0 && i < n && t[i] == '.' && (IsOrdinalContext(t, i + 1) || FollowsOrdinalWord(t, start)))
        {
            kind = TokenKind.Ordinal;
            return i + 1;
        }
        if (dots == 1 && groups == 1 && i < n && t[i] == '.' && IsOrdinalContext(t, i + 1) && IsDayMonth(t.AsSpan(start, i - start)))
        {
            kind = TokenKind.Date; // "9.1." before a year or a lowercase word
            return i + 1;
        }
        return i;
    }

    private static int CountDigits(string t, int i)
    {
        int k = 0;
        while (i + k < t.Length && char.IsDigit(t[i + k]))
            k++;
        return k;
    }

    private static bool IsDayMonthYear(ReadOnlySpan<char> s)
    {
        Span<Range> parts = stackalloc Range[4];
        if (s.Split(parts, '.') != 3)
            return false;
        return int.TryParse(s[parts[0]], out int d) && int.TryParse(s[parts[1]], out int m) && s[parts[2]].Length is 2 or 4
            && d is >= 1 and <= 31 && m is >= 1 and <= 12;
    }

    private static bool IsDayMonth(ReadOnlySpan<char> s)
    {
        int dot = s.IndexOf('.');
        return dot > 0 && int.TryParse(s[..dot], out int d) && int.TryParse(s[(dot + 1)..], out int m)
            && d is >= 1 and <= 31 && m is >= 1 and <= 12 && s.Length - dot - 1 <= 2;
    }

    private bool FollowsOrdinalWord(string t, int numberStart)
    {
        int e = numberStart;
        while (e > 0 && t[e - 1] == ' ')
            e--;
        int b = e;
        while (b > 0 && char.IsLetter(t[b - 1]))
            b--;
        return e > b && e < numberStart && _ordinalBefore.GetAlternateLookup<ReadOnlySpan<char>>().Contains(t.AsSpan(b, e - b));
    }

    // "12. August", "am 3. Tag", "der 2. Weltkrieg" keep the period; "von 5.000. Aus …" does not.
    private bool IsOrdinalContext(string t, int i)
    {
        int n = t.Length;
        if (i < n && !char.IsWhiteSpace(t[i]))
            return i < n && (char.IsLower(t[i]) || t[i] == '-');
        while (i < n && t[i] is ' ' or '\u00A0')
            i++;
        if (i >= n || t[i] == '\n')
            return false;
        if (char.IsLower(t[i]) || char.IsDigit(t[i]))
            return true;
        int j = i;
        while (j < n && char.IsLetter(t[j]))
            j++;
        return j > i && _months.GetAlternateLookup<ReadOnlySpan<char>>().Contains(t.AsSpan(i, j - i));
    }
}
