using System.Globalization;
using System.Text;
using Lagebild.Model;

namespace Lagebild.Ingest;

/// <summary>Text clean-up shared by every reader: line ends to <c>\n</c>, Unicode NFC. Stateless, thread-safe.</summary>
internal static class TextNormal
{
    /// <summary>Line ends to <c>\n</c> and NFC; linear time, returns the input when nothing changes.</summary>
    public static string Clean(string text)
    {
        if (text.Contains('\r'))
            text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        // IsNormalized is a fast scan; Normalize allocates, so only call it when needed.
        if (!text.IsNormalized(NormalizationForm.FormC))
            text = text.Normalize(NormalizationForm.FormC);
        return text;
    }

    /// <summary>
    /// Reads <paramref name="reader"/> to its end, turning CR LF and lone CR into LF on the fly,
    /// and returns the trimmed, NFC text. <paramref name="lengthHint"/> sizes the buffer.
    /// </summary>
    public static string ReadAllClean(TextReader reader, long lengthHint)
    {
        var sb = new StringBuilder((int)Math.Clamp(lengthHint + 16, 16, Array.MaxLength / 2));
        char[] buf = new char[1 << 16];
        bool afterCr = false;
        int n;
        while ((n = reader.Read(buf, 0, buf.Length)) > 0)
        {
            var span = buf.AsSpan(0, n);
            if (afterCr && span[0] == '\n')
                span = span[1..]; // the LF of a CR LF split across reads
            afterCr = false;
            while (!span.IsEmpty)
            {
                int cr = span.IndexOf('\r');
                if (cr < 0)
                {
                    sb.Append(span);
                    break;
                }
                sb.Append(span[..cr]).Append('\n');
                span = span[(cr + 1)..];
                if (span.IsEmpty)
                    afterCr = true;
                else if (span[0] == '\n')
                    span = span[1..];
            }
        }
        int start = 0, end = sb.Length;
        while (start < end && char.IsWhiteSpace(sb[start]))
            start++;
        while (end > start && char.IsWhiteSpace(sb[end - 1]))
            end--;
        string text = sb.ToString(start, end - start);
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    /// <summary><see cref="Clean"/>, then trimmed; null for null or blank.</summary>
    public static string? CleanOptional(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return Clean(text).Trim();
    }

    /// <summary>True when every char is whitespace (or a BOM left in the text).</summary>
    public static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\uFEFF')
                return false;
        }
        return true;
    }

    /// <summary>
    /// Share of control characters (other than tab, line feed, carriage return, form feed,
    /// vertical tab) and replacement characters among the first 8,192 chars: text files have
    /// almost none, binary data decoded as a single-byte code page has about 12 %.
    /// </summary>
    public static double ControlRatio(ReadOnlySpan<char> text)
    {
        if (text.Length > 8192)
            text = text[..8192];
        if (text.IsEmpty)
            return 0;
        int bad = 0;
        foreach (char c in text)
        {
            if ((c < 0x20 && c is not ('\t' or '\n' or '\r' or '\f' or '\v')) || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\uFFFD')
                bad++;
        }
        return (double)bad / text.Length;
    }

    public const double BinaryControlRatio = 0.05;

    /// <summary>The primary subtag of a language tag, lower-cased ("de-AT" → "de"); null for blank or malformed.</summary>
    public static string? LanguageCode(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
            return null;
        var t = tag.Trim();
        int cut = t.IndexOfAny(['-', '_']);
        if (cut > 0)
            t = t[..cut];
        if (t.Length is < 2 or > 8 || !t.All(char.IsAsciiLetter))
            return null;
        return t.ToLowerInvariant();
    }

    /// <summary>A size for messages: "70 MB", "1.5 KB", "12 bytes" (binary units).</summary>
    public static string Size(long bytes)
    {
        var inv = CultureInfo.InvariantCulture;
        if (bytes >= 1024 * 1024)
            return (bytes / (1024.0 * 1024)).ToString("0.#", inv) + " MB";
        if (bytes >= 1024)
            return (bytes / 1024.0).ToString("0.#", inv) + " KB";
        return bytes.ToString(inv) + " bytes";
    }

    /// <summary>A value cut to one line of at most <paramref name="max"/> chars, for quoting in messages.</summary>
    public static string Quote(string value, int max = 40)
    {
        var one = value.ReplaceLineEndings(" ");
        return one.Length <= max ? one : one[..max] + "…";
    }
}

/// <summary>
/// Date parsing for source metadata. A date-time with an offset keeps the calendar day as the
/// publisher wrote it ("2022-01-10T00:30+01:00" is 10 January), unlike <see cref="PartialDate.TryParse"/>,
/// which converts to UTC first. Stateless, thread-safe.
/// </summary>
internal static class Dates
{
    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Trim();
        var inv = CultureInfo.InvariantCulture;
        // ISO date-time: the first ten chars are the local calendar day.
        if (s.Length > 10 && (s[10] == 'T' || s[10] == 't' || s[10] == ' ')
            && DateOnly.TryParseExact(s[..10], "yyyy-MM-dd", inv, DateTimeStyles.None, out var day)
            && DateTimeOffset.TryParse(s, inv, DateTimeStyles.AssumeUniversal, out _))
        {
            date = new PartialDate(day, DatePrecision.Day);
            return true;
        }
        // RFC 822/1123 as in RSS: "Mon, 10 Jan 2022 08:30:00 +0100"; keep the day at the given offset.
        if (s.Length > 10 && !char.IsAsciiDigit(s[4]) && TryRfc822(s, out var dto))
        {
            date = new PartialDate(DateOnly.FromDateTime(dto.DateTime), DatePrecision.Day);
            return true;
        }
        return PartialDate.TryParse(s, out date);
    }

    private static readonly string[] Rfc822Formats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "d MMM yyyy HH:mm:ss zzz",
        "ddd, d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm:ss", "ddd, d MMM yyyy",
    ];

    private static bool TryRfc822(string s, out DateTimeOffset dto)
    {
        // .NET's "zzz" wants "+01:00"; RSS writes "+0100" or a zone name. Rewrite the zone.
        var parts = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 4)
        {
            var zone = parts[^1];
            string? offset = zone.ToUpperInvariant() switch
            {
                "GMT" or "UT" or "UTC" or "Z" => "+00:00",
                "EST" => "-05:00", "EDT" => "-04:00", "CST" => "-06:00", "CDT" => "-05:00",
                "MST" => "-07:00", "MDT" => "-06:00", "PST" => "-08:00", "PDT" => "-07:00",
                "CET" => "+01:00", "CEST" => "+02:00",
                _ => zone.Length == 5 && (zone[0] == '+' || zone[0] == '-') && zone[1..].All(char.IsAsciiDigit)
                    ? $"{zone[..3]}:{zone[3..]}" : null,
            };
            if (offset is not null)
                s = string.Join(' ', parts[..^1]) + " " + offset;
        }
        return DateTimeOffset.TryParseExact(s, Rfc822Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out dto);
    }
}
