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
}

/// <summary>Progress of a <see cref="ArticleReader.Read"/> run, reported at the start and end of each input file.</summary>
/// <param name="CurrentInput">The file, URL or "stdin" being read.</param>
/// <param name="FilesDone">Inputs finished so far.</param>
/// <param name="FilesTotal">Inputs in the run (files found in folders, URLs, stdin).</param>
/// <param name="BytesDone">Bytes of finished inputs.</param>
/// <param name="BytesTotal">Bytes of all files known up front (URL and stdin sizes are not known up front).</param>
public readonly record struct ReadProgress(string CurrentInput, int FilesDone, int FilesTotal, long BytesDone, long BytesTotal);
