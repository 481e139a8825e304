using System.Text.RegularExpressions;

namespace Lagebild.Ingest;

/// <summary>
/// A reader for one source kind. Implementations yield articles as they parse (streaming) and a
/// problem per bad record, and may throw only for failures of the whole source (the caller turns
/// those into one problem). Implementations are stateless and thread-safe.
/// </summary>
internal interface IArticleFormat
{
    /// <summary>The <see cref="Lagebild.Model.Article.Format"/> value it produces.</summary>
    string Name { get; }

    IEnumerable<ReadOutcome> Read(Source source, ReadContext context);
}

/// <summary>What format readers share within one <see cref="ArticleReader"/>: options and the web client.</summary>
internal sealed class ReadContext
{
    public ReadContext(ReadOptions options)
    {
        Options = options;
        Web = new WebFetcher(options);
    }

    public ReadOptions Options { get; }

    public WebFetcher Web { get; }
}

/// <summary>Chooses a format reader by extension, media type, or the content's first characters.</summary>
internal static partial class Formats
{
    public static readonly SeedFormat Seed = new();
    public static readonly PlainTextFormat Text = new();
    public static readonly JsonLinesFormat Json = new();
    public static readonly CsvFormat Csv = new();
    public static readonly HtmlFormat Html = new();
    public static readonly FeedFormat Feed = new();

    /// <summary>Extensions read when found in a folder; others are skipped and counted.</summary>
    public static bool IsKnownExtension(string? ext) => ext is ".txt" or ".text" or ".jsonl" or ".ndjson" or ".json"
        or ".csv" or ".tsv" or ".html" or ".htm" or ".xhtml" or ".xml" or ".rss" or ".atom";

    /// <summary>The reader for a source: extension first, then HTTP media type, then content sniffing.</summary>
    public static IArticleFormat Choose(string? extension, string head, string? mediaType = null)
    {
        switch (extension)
        {
            case ".txt" or ".text":
                return SeedHeader().IsMatch(head) ? Seed : Text;
            case ".jsonl" or ".ndjson" or ".json":
                return Json;
            case ".csv" or ".tsv":
                return Csv;
            case ".html" or ".htm" or ".xhtml":
                return Html;
            case ".xml" or ".rss" or ".atom":
                return Feed;
        }
        if (mediaType is not null)
        {
            if (mediaType.Contains("rss") || mediaType.Contains("atom"))
                return Feed;
            if (mediaType.Contains("html"))
                return Sniff(head) is FeedFormat ? Feed : Html;
            if (mediaType.Contains("json"))
                return Json;
            if (mediaType.Contains("csv") || mediaType.Contains("tab-separated"))
                return Csv;
        }
        return Sniff(head);
    }

    /// <summary>JSON if it starts with { or [, markup by its tags, a seed by its header, else plain text.</summary>
    public static IArticleFormat Sniff(string head)
    {
        var s = head.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (s.IsEmpty)
            return Text;
        if (s[0] is '{' or '[')
            return Json;
        if (s[0] == '<')
        {
            var low = s.Length > 4096 ? s[..4096].ToString().ToLowerInvariant() : s.ToString().ToLowerInvariant();
            int html = IndexOfAny(low, "<!doctype html", "<html");
            int feed = IndexOfAny(low, "<rss", "<feed", "<rdf:rdf");
            if (feed >= 0 && (html < 0 || feed < html))
                return Feed;
            if (html >= 0)
                return Html;
            // Other XML (possibly with a DTD): the feed reader checks it safely and says what it is.
            if (low.StartsWith("<?xml") || low.StartsWith("<!doctype"))
                return Feed;
            if (low.Contains("<body") || low.Contains("<p>") || low.Contains("<div"))
                return Html;
        }
        if (SeedHeader().IsMatch(head))
            return Seed;
        return Text;
    }

    private static int IndexOfAny(string s, params string[] needles)
    {
        int best = -1;
        foreach (var n in needles)
        {
            int i = s.IndexOf(n, StringComparison.Ordinal);
            if (i >= 0 && (best < 0 || i < best))
                best = i;
        }
        return best;
    }

    /// <summary>The seed header: optional whitespace, "date", a YYYY, YYYY-MM or YYYY-MM-DD date, then whitespace or the end.</summary>
    [GeneratedRegex(@"\A[\uFEFF\s]*date[ \t]+(?<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)(?=\s|\z)", RegexOptions.CultureInvariant)]
    internal static partial Regex SeedHeader();
}
