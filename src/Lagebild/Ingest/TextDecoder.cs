using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Lagebild.Ingest;

/// <summary>How to turn a byte stream into text, as decided by <see cref="TextDecoder.Plan"/>.</summary>
/// <param name="Encoding">Decoder to use (replacing invalid bytes with U+FFFD), null when the bytes are not text.</param>
/// <param name="Name">Encoding name for messages ("utf-8", "utf-16le", "windows-1252").</param>
/// <param name="BomLength">Bytes of byte-order mark to skip.</param>
/// <param name="Binary">True when the data is not text (NUL bytes or many control characters).</param>
/// <param name="Warning">A non-fatal decoding problem ("truncated UTF-8 at byte 120"), else null.</param>
/// <param name="Head">The decoded start of the text (up to ~8,000 chars) for format sniffing.</param>
internal sealed record DecodePlan(Encoding? Encoding, string Name, int BomLength, bool Binary, string? Warning, string Head);

/// <summary>
/// Encoding detection: BOM (UTF-8, UTF-16LE/BE, UTF-32LE/BE), else strict UTF-8 if the whole
/// input is valid (or only cut short at the end, or only slightly damaged), else UTF-16 without
/// BOM when the NUL pattern says so, else UTF.Unknown's guess, falling back to Windows-1252
/// (ISO-8859-1 is read as Windows-1252, its superset for printable characters).
/// Stateless and thread-safe.
/// </summary>
internal static class TextDecoder
{
    public const int HeadBytes = 8192;
    private const int ChunkBytes = 1 << 16;

    private static readonly Encoding Utf8Lossy = new UTF8Encoding(false, false);
    private static readonly Encoding Utf16Le = new UnicodeEncoding(false, false, false);
    private static readonly Encoding Utf16Be = new UnicodeEncoding(true, false, false);
    private static readonly Encoding Utf32Le = new UTF32Encoding(false, false, false);
    private static readonly Encoding Utf32Be = new UTF32Encoding(true, false, false);

    static TextDecoder()
    {
        // Windows-1252 and the other legacy code pages live in the framework but are not
        // registered by default on .NET (Core).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static Encoding Windows1252 { get; } = GetWindows1252();

    private static Encoding GetWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    /// <summary>
    /// Decides how to decode <paramref name="stream"/> (seekable, positioned anywhere; it is read
    /// from the start, possibly twice, and left at an unspecified position).
    /// <paramref name="declaredCharset"/> (an HTTP charset) is used only when there is no BOM and the bytes are not valid UTF-8.
    /// </summary>
    public static DecodePlan Plan(Stream stream, string? declaredCharset = null)
    {
        stream.Position = 0;
        byte[] head = new byte[HeadBytes];
        int headLen = ReadFully(stream, head);
        var h = head.AsSpan(0, headLen);

        var (bomEnc, bomName, bomLen) = DetectBom(h);
        if (bomEnc is not null && bomName != "utf-8")
            return Finish(bomEnc, bomName, bomLen, null, h);

        if (bomEnc is null)
        {
            var utf16 = DetectUtf16ByNuls(h);
            if (utf16 is not null)
                return Finish(utf16 == "utf-16le" ? Utf16Le : Utf16Be, utf16, 0, null, h);
            if (h.Contains((byte)0))
                return new DecodePlan(null, "binary", 0, true, null, "");
        }

        var check = ValidateUtf8(stream, bomLen);
        switch (check.Kind)
        {
            case Utf8Kind.Valid:
                return Finish(Utf8Lossy, "utf-8", bomLen, null, h);
            case Utf8Kind.Truncated:
                return Finish(Utf8Lossy, "utf-8", bomLen, $"truncated UTF-8 at byte {check.Offset}", h);
            case Utf8Kind.Invalid when bomLen > 0 || check.Multibyte > check.Invalid:
                // Mostly UTF-8 with a few damaged bytes: a legacy decode would garble every umlaut.
                return Finish(Utf8Lossy, "utf-8", bomLen,
                    $"invalid UTF-8 at byte {check.Offset} ({check.Invalid} bad sequence{(check.Invalid == 1 ? "" : "s")} replaced)", h);
        }

        var legacy = FromCharset(declaredCharset) ?? Guess(stream);
        return Finish(legacy, legacy.WebName, 0, null, h);
    }

    /// <summary>Decodes bytes held in memory completely (tests, small downloads).</summary>
    public static (string? Text, DecodePlan Plan) Decode(byte[] bytes, string? declaredCharset = null)
    {
        using var ms = new MemoryStream(bytes, writable: false);
        var plan = Plan(ms, declaredCharset);
        if (plan.Encoding is null)
            return (null, plan);
        return (plan.Encoding.GetString(bytes, plan.BomLength, bytes.Length - plan.BomLength), plan);
    }

    private static DecodePlan Finish(Encoding enc, string name, int bomLen, string? warning, ReadOnlySpan<byte> head)
    {
        var body = head[Math.Min(bomLen, head.Length)..];
        // Cut the head at a char boundary so the sniffing text has no spurious U+FFFD at its end.
        int unit = enc is UnicodeEncoding ? 2 : enc is UTF32Encoding ? 4 : 1;
        int len = body.Length - body.Length % unit;
        if (enc.WebName == "utf-8")
            len = CompleteUtf8Length(body[..len]);
        string text = enc.GetString(body[..len]);
        bool binary = TextNormal.ControlRatio(text) > TextNormal.BinaryControlRatio;
        return new DecodePlan(binary ? null : enc, name, bomLen, binary, binary ? null : warning, binary ? "" : text);
    }

    private static (Encoding? Enc, string Name, int Len) DetectBom(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
            return (Utf32Le, "utf-32le", 4);
        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
            return (Utf32Be, "utf-32be", 4);
        if (b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return (Utf8Lossy, "utf-8", 3);
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return (Utf16Le, "utf-16le", 2);
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return (Utf16Be, "utf-16be", 2);
        return (null, "", 0);
    }

    /// <summary>
    /// UTF-16 text without a BOM that is mostly Latin script has a NUL in every other byte:
    /// the high byte, odd positions for little-endian, even for big-endian.
    /// </summary>
    private static string? DetectUtf16ByNuls(ReadOnlySpan<byte> b)
    {
        int pairs = b.Length / 2;
        if (pairs < 2)
            return null;
        int evenNul = 0, oddNul = 0;
        for (int i = 0; i + 1 < b.Length; i += 2)
        {
            if (b[i] == 0)
                evenNul++;
            if (b[i + 1] == 0)
                oddNul++;
        }
        if (oddNul >= pairs * 0.3 && evenNul <= pairs * 0.02)
            return "utf-16le";
        if (evenNul >= pairs * 0.3 && oddNul <= pairs * 0.02)
            return "utf-16be";
        return null;
    }

    private enum Utf8Kind { Valid, Truncated, Invalid }

    private readonly record struct Utf8Check(Utf8Kind Kind, long Offset, int Invalid, int Multibyte);

    /// <summary>Streams through the input once (vectorised validation); only damaged input gets a second, counting pass.</summary>
    private static Utf8Check ValidateUtf8(Stream stream, int start)
    {
        stream.Position = start;
        byte[] buf = ArrayPool<byte>.Shared.Rent(ChunkBytes + 4);
        try
        {
            int carry = 0;
            long offset = start; // file offset of buf[0]
            while (true)
            {
                int n = stream.Read(buf, carry, ChunkBytes);
                int total = carry + n;
                if (n == 0)
                {
                    if (carry == 0)
                        return new(Utf8Kind.Valid, 0, 0, 0);
                    return IsValidPrefix(buf.AsSpan(0, carry))
                        ? new(Utf8Kind.Truncated, offset, 1, 0)
                        : CountDamage(stream, start);
                }
                int complete = CompleteUtf8Length(buf.AsSpan(0, total));
                if (!Utf8.IsValid(buf.AsSpan(0, complete)))
                    return CountDamage(stream, start);
                carry = total - complete;
                buf.AsSpan(complete, carry).CopyTo(buf);
                offset += complete;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    /// <summary>Counts bad sequences and valid multi-byte characters, to tell damaged UTF-8 from a legacy code page.</summary>
    private static Utf8Check CountDamage(Stream stream, int start)
    {
        stream.Position = start;
        byte[] buf = ArrayPool<byte>.Shared.Rent(ChunkBytes + 4);
        try
        {
            int carry = 0, invalid = 0, multi = 0;
            long offset = start, first = -1;
            while (true)
            {
                int n = stream.Read(buf, carry, ChunkBytes);
                int total = carry + n;
                bool final = n == 0;
                var span = buf.AsSpan(0, total);
                int i = 0;
                while (i < span.Length)
                {
                    if (span[i] < 0x80)
                    {
                        i++;
                        continue;
                    }
                    var status = System.Text.Rune.DecodeFromUtf8(span[i..], out _, out int used);
                    if (status == System.Buffers.OperationStatus.NeedMoreData && !final)
                        break;
                    if (status == System.Buffers.OperationStatus.Done)
                        multi++;
                    else
                    {
                        invalid++;
                        if (first < 0)
                            first = offset + i;
                    }
                    i += Math.Max(used, 1);
                }
                if (final)
                    break;
                carry = total - i;
                span[i..].CopyTo(buf);
                offset += i;
            }
            return new(Utf8Kind.Invalid, first, invalid, multi);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    /// <summary>Length of <paramref name="b"/> without an incomplete multi-byte sequence at its end.</summary>
    internal static int CompleteUtf8Length(ReadOnlySpan<byte> b)
    {
        for (int i = b.Length - 1; i >= 0 && i >= b.Length - 4; i--)
        {
            byte x = b[i];
            if ((x & 0xC0) == 0x80)
                continue; // continuation byte: keep looking for the lead
            int need = x >= 0xF0 ? 4 : x >= 0xE0 ? 3 : x >= 0xC0 ? 2 : 1;
            return b.Length - i < need ? i : b.Length;
        }
        return b.Length;
    }

    private static bool IsValidPrefix(ReadOnlySpan<byte> tail)
    {
        var status = System.Text.Rune.DecodeFromUtf8(tail, out _, out _);
        return status == System.Buffers.OperationStatus.NeedMoreData;
    }

    private static Encoding? FromCharset(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
            return null;
        try
        {
            var enc = Encoding.GetEncoding(charset.Trim().Trim('"'));
            return enc.CodePage is 28591 or 20127 ? Windows1252 : enc;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding Guess(Stream stream)
    {
        stream.Position = 0;
        byte[] sample = new byte[64 * 1024];
        int len = ReadFully(stream, sample);
        try
        {
            var best = UtfUnknown.CharsetDetector.DetectFromBytes(sample, 0, len).Detected;
            var enc = best?.Encoding;
            if (enc is null || best!.Confidence < 0.3f)
                return Windows1252;
            // Latin-1 and ASCII guesses: read as Windows-1252, which adds „ “ – € in 0x80–0x9F.
            if (enc.CodePage is 28591 or 20127 or 65001)
                return Windows1252;
            return enc;
        }
        catch (Exception)
        {
            return Windows1252;
        }
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
                break;
            total += n;
        }
        return total;
    }
}
