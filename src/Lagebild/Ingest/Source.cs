namespace Lagebild.Ingest;

/// <summary>
/// One decoded input handed to a format reader: where it came from, a decoded head for
/// sniffing, and a way to open the full text as a stream of chars (so large files are never
/// held as bytes and string at once). Opened readers yield raw text; readers apply
/// <see cref="TextNormal.Clean"/> to what they keep.
/// </summary>
internal sealed class Source
{
    /// <summary>Path, URL or "stdin"; line-based readers append ":LINE".</summary>
    public required string Origin { get; init; }

    /// <summary>Base for ids: the file name without extension, the URL, or "stdin".</summary>
    public required string Stem { get; init; }

    /// <summary>The URL the content came from, when it came from the web.</summary>
    public string? Url { get; init; }

    /// <summary>Lower-case extension with dot (".csv"), or null.</summary>
    public string? Extension { get; init; }

    /// <summary>HTTP media type ("text/html"), when downloaded.</summary>
    public string? MediaType { get; init; }

    /// <summary>The decoded start of the text (about 8,000 chars).</summary>
    public required string Head { get; init; }

    /// <summary>True when <see cref="Head"/> is the whole text.</summary>
    public bool HeadIsAll { get; init; }

    /// <summary>Opens the decoded text from its start; each call gives a fresh reader the caller disposes.</summary>
    public required Func<TextReader> Open { get; init; }

    /// <summary>The whole text. For single-article formats (seed, text, HTML, feed).</summary>
    public string ReadAll()
    {
        if (HeadIsAll)
            return Head;
        using var r = Open();
        return r.ReadToEnd();
    }

    /// <summary>Feed items left out by <see cref="ReadOptions.FeedItemFilter"/>: a feed of only such items is not "no articles found".</summary>
    public int FilteredItems { get; set; }

    /// <summary>Expected length in chars (an upper bound is fine), to size the buffer of <see cref="ReadAllClean"/>.</summary>
    public long LengthHint { get; init; }

    /// <summary>
    /// The whole text with line ends as <c>\n</c>, trimmed, NFC: one pass into one pre-sized
    /// buffer and one final copy, so a 50 MB file costs about twice its UTF-16 size, not five times.
    /// </summary>
    public string ReadAllClean()
    {
        if (HeadIsAll)
            return TextNormal.Clean(Head).Trim();
        using var r = Open();
        return TextNormal.ReadAllClean(r, LengthHint);
    }

    /// <summary>A source over text already in memory (stdin given as a TextReader, tests).</summary>
    public static Source FromString(string content, string origin, string stem, string? extension) => new()
    {
        Origin = origin,
        Stem = stem,
        Extension = extension,
        Head = content.Length <= TextDecoder.HeadBytes ? content : content[..TextDecoder.HeadBytes],
        HeadIsAll = content.Length <= TextDecoder.HeadBytes,
        LengthHint = content.Length,
        Open = () => new StringReader(content),
    };
}
