using System.Globalization;

namespace Lagebild.Facts;

/// <summary>
/// Reads numbers as a language writes them: digits with that language's group and decimal
/// separators (<c>10.000</c>, <c>1,5</c> in German; <c>10,000</c>, <c>1.5</c> in English) and number
/// words, including German compounds (<c>zweihundert</c>, <c>fünfundzwanzig</c>). Stateless beyond
/// its lexicon; thread-safe.
/// </summary>
public sealed class NumberParser(FactLexicon lexicon)
{
    private readonly int _longestWord = lexicon.NumberWords.Keys.Max(k => k.Length);

    /// <summary>Parses a digit token. Returns false for anything that is not a plain number (times, scores).</summary>
    public bool TryParseDigits(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        if (s.IndexOfAny(':', '-', '/') >= 0)
            return false;
        char group = lexicon.GroupSeparator, dec = lexicon.DecimalSeparator;
        Span<char> buf = stackalloc char[s.Length];
        int n = 0;
        int decimalAt = -1;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsDigit(c))
            {
                buf[n++] = c;
            }
            else if (c == group || c is '\u00A0' or '\u202F' or '\u2009')
            {
                if (decimalAt >= 0)
                    return false;
                // A group separator must be followed by exactly three digits; otherwise it is a decimal mark written the other way.
                if (!IsGroupOfThree(s, i + 1))
                {
                    if (c != group)
                        return false;
                    decimalAt = n;
                    buf[n++] = '.';
                    continue;
                }
            }
            else if (c == dec)
            {
                if (decimalAt >= 0)
                    return false;
                decimalAt = n;
                buf[n++] = '.';
            }
            else
            {
                return false;
            }
        }
        return double.TryParse(buf[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsGroupOfThree(ReadOnlySpan<char> s, int i)
    {
        int k = 0;
        while (i + k < s.Length && char.IsDigit(s[i + k]))
            k++;
        return k == 3;
    }

    /// <summary>Parses a lower-case number word or compound ("zwölf", "zweihundert", "dreitausendfünfhundert").</summary>
    public bool TryParseWord(string lower, out long value)
    {
        value = 0;
        if (lexicon.NumberWords.TryGetValue(lower, out var direct) && direct.Role != "and")
        {
            value = direct.Value;
            return direct.Role is "unit" or "teen" or "ten" or "hundred" or "thousand";
        }
        long total = 0, current = 0;
        int p = 0;
        bool any = false;
        while (p < lower.Length)
        {
            if (any && lexicon.AndWord is { } and && lower.AsSpan(p).StartsWith(and, StringComparison.Ordinal) && p + and.Length < lower.Length)
            {
                p += and.Length; // "fünfundzwanzig"
                continue;
            }
            NumberWord? found = null;
            int len = Math.Min(_longestWord, lower.Length - p);
            for (; len > 0; len--)
            {
                if (lexicon.NumberWords.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(lower.AsSpan(p, len), out var w))
                {
                    found = w;
                    break;
                }
            }
            if (found is null)
                return false;
            switch (found.Role)
            {
                case "unit" or "teen" or "ten":
                    current += found.Value;
                    break;
                case "hundred":
                    current = Math.Max(current, 1) * 100;
                    break;
                case "thousand":
                    total += Math.Max(current, 1) * 1000;
                    current = 0;
                    break;
                default:
                    return false;
            }
            any = true;
            p += len;
        }
        value = total + current;
        return any && value > 0;
    }
}
