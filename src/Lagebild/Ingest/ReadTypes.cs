using Lagebild.Model;

namespace Lagebild.Ingest;

/// <summary>
/// One bad (or noteworthy) input, reported instead of an exception: a missing file, a binary
/// file, a malformed JSONL line, a skipped-files notice for a folder. Always one line of text,
/// never a stack trace. Immutable.
/// </summary>
/// <param name="Origin">The path, URL or "stdin" the problem belongs to.</param>
/// <param name="Line">1-based line number for line-based formats, else null.</param>
/// <param name="Message">What is wrong, in one line.</param>
public sealed record InputProblem(string Origin, int? Line, string Message)
{
    /// <summary>True for information that loses nothing the user asked for (files skipped in a folder for their extension).</summary>
    public bool IsNotice { get; init; }

    /// <summary><c>origin:line: message</c>, or <c>origin: message</c> without a line.</summary>
    public override string ToString() => Line is int l ? $"{Origin}:{l}: {Message}" : $"{Origin}: {Message}";
}

/// <summary>
/// One result of <see cref="ArticleReader.Read"/>: an article or a problem; exactly one is non-null.
/// </summary>
public readonly record struct ReadOutcome(Article? Article, InputProblem? Problem)
{
    /// <summary>An outcome carrying an article.</summary>
    public static ReadOutcome Of(Article article) => new(article ?? throw new ArgumentNullException(nameof(article)), null);

    /// <summary>An outcome carrying a problem.</summary>
    public static ReadOutcome Of(InputProblem problem) => new(null, problem ?? throw new ArgumentNullException(nameof(problem)));

    /// <summary>An outcome carrying a new problem.</summary>
    public static ReadOutcome Fail(string origin, int? line, string message) => new(null, new InputProblem(origin, line, message));

    /// <summary>True when this outcome is an article.</summary>
    public bool IsArticle => Article is not null;
}

/// <summary>
/// How <see cref="ArticleReader"/> reads. Immutable; safe to share between readers.
/// </summary>
public sealed record ReadOptions
{
    /// <summary>For feeds: fetch each item's link and use the page's main text when it is longer than the item's.</summary>
    public bool FetchLinkedPages { get; init; }

    /// <summary>Files (and downloads, and stdin) larger than this are refused with a problem. Default 64 MiB.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>What <c>-</c> reads; null means the process's standard input (read as bytes, so its encoding is sniffed).</summary>
    public TextReader? Stdin { get; init; }

    /// <summary>Client for URL inputs and linked pages; null means a shared default client. Not disposed by the reader.</summary>
    public HttpClient? Http { get; init; }

    /// <summary>Time allowed for one download (headers and body). Default 20 s.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// For feeds: asked about each item before anything else is done with it (before its linked page is
    /// fetched, before an item without text is reported); an item it answers false for is left out
    /// silently. Null reads every item. Called on the enumerating thread, in feed order.
    /// </summary>
    public Func<FeedItemKey, bool>? FeedItemFilter { get; init; }
}

/// <summary>
/// A feed item as the feed publishes it: its article id and a version that changes when the item's
/// title, link, description or content change (a short hash of them), so a corrected item is new again.
/// </summary>
/// <param name="Id">The article id the item gets (guid/id, else link, else the feed's name and the item's position).</param>
/// <param name="Version">16 hex digits.</param>
public readonly record struct FeedItemKey(string Id, string Version);

/// <summary>What an HTTP server said identifies the version it sent (ETag, Last-Modified), for a conditional request next time.</summary>
/// <param name="ETag">The entity tag as sent (with its quotes and W/ prefix), or null.</param>
/// <param name="LastModified">The Last-Modified date as sent (RFC 1123), or null.</param>
public sealed record HttpValidators(string? ETag, string? LastModified)
{
    /// <summary>True when the server gave neither.</summary>
    public bool IsEmpty => ETag is null && LastModified is null;
}

/// <summary>
/// The answer of <see cref="ArticleReader.ReadUrlIfChanged"/>: not modified, failed (with
/// <see cref="Error"/>), or read (the articles and problems in <see cref="Outcomes"/>, parsed as they are enumerated).
/// </summary>
public sealed record UrlRead
{
    /// <summary>The server answered 304 Not Modified: nothing was downloaded; <see cref="Outcomes"/> is empty.</summary>
    public bool NotModified { get; init; }

    /// <summary>Why the download failed (one line: "HTTP 500 Internal Server Error", "timed out after 20 s"), or null.</summary>
    public string? Error { get; init; }

    /// <summary>The HTTP status, when the server answered.</summary>
    public int? Status { get; init; }

    /// <summary>How long the server asked to wait before the next request (Retry-After on 429 or 503), or null.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The validators of the response (or the known ones again after a 304 that sent none), for the next request.</summary>
    public HttpValidators? Validators { get; init; }

    /// <summary>Articles and problems of the download; on failure one problem with <see cref="Error"/>. Enumerate once.</summary>
    public IEnumerable<ReadOutcome> Outcomes { get; init; } = [];
}

/// <summary>Progress of a <see cref="ArticleReader.Read"/> run, reported at the start and end of each input file.</summary>
/// <param name="CurrentInput">The file, URL or "stdin" being read.</param>
/// <param name="FilesDone">Inputs finished so far.</param>
/// <param name="FilesTotal">Inputs in the run (files found in folders, URLs, stdin).</param>
/// <param name="BytesDone">Bytes of finished inputs.</param>
/// <param name="BytesTotal">Bytes of all files known up front (URL and stdin sizes are not known up front).</param>
public readonly record struct ReadProgress(string CurrentInput, int FilesDone, int FilesTotal, long BytesDone, long BytesTotal);
