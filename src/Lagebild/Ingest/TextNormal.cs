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
        return Nfc(text);
    }

    /// <summary>
    /// <paramref name="text"/> in Unicode NFC, the input itself when it already is. <see cref="string.Normalize()"/>
    /// throws for a lone surrogate or U+FFFE (which decoding UTF-16 or an HTML/JSON escape can yield); those
    /// become U+FFFD first.
    /// </summary>
    public static string Nfc(string text)
    {
        try
        {
            // IsNormalized is a fast scan; Normalize allocates, so only call it when needed.
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            text = ReplaceInvalid(text);
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
    }

    /// <summary>Lone surrogates and U+FFFE replaced by U+FFFD; pairs kept.</summary>
    internal static string ReplaceInvalid(string text)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                i++;
            else if (char.IsSurrogate(c) || c == '\uFFFE')
                chars[i] = '\uFFFD';
        }
        return new string(chars);
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
        return Nfc(sb.ToString(start, end - start));
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
