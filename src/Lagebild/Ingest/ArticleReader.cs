using System.Text;
using System.Text.Json;
using System.Xml;

namespace Lagebild.Ingest;

/// <summary>
/// Reads news articles from files, folders (recursively, in path order), <c>-</c> (stdin) and
/// http(s) URLs, in the formats seed, plain text, JSON Lines / JSON, CSV/TSV, HTML and RSS/Atom,
/// with encoding detection (<see cref="TextDecoder"/>). Results stream: an article is yielded as
/// soon as it is parsed, so a large CSV is never held as a list.
/// <para>Errors: every bad input (missing file, binary data, a malformed line, a failed download)
/// becomes one <see cref="InputProblem"/> in the sequence and reading goes on; no exception
/// escapes the enumeration (only a null argument throws, at the call).</para>
/// <para>Thread-safety: an instance holds only its options and may be used from several threads;
/// each enumeration of <see cref="Read"/> is independent and itself single-threaded.</para>
/// </summary>
public sealed class ArticleReader
{
    private readonly ReadOptions _options;
    private readonly ReadContext _context;

    /// <param name="options">How to read; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">MaxFileBytes or HttpTimeout is not positive.</exception>
    public ArticleReader(ReadOptions? options = null)
    {
        _options = options ?? new ReadOptions();
        if (_options.MaxFileBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), "MaxFileBytes must be positive.");
        if (_options.HttpTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "HttpTimeout must be positive.");
        _context = new ReadContext(_options);
    }

    /// <summary>
    /// Reads every input in order: a file, a folder (recursive; hidden entries and unknown
    /// extensions skipped, the latter counted in one problem per folder), <c>-</c> for stdin, or an
    /// http(s) URL (a feed or an HTML page). Yields articles and problems as they are found.
    /// </summary>
    /// <param name="inputs">Paths, folders, URLs or "-".</param>
    /// <param name="progress">Told at the start and end of each input; may be null.</param>
    public IEnumerable<ReadOutcome> Read(IEnumerable<string> inputs, IProgress<ReadProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return ReadAll(inputs, progress);
    }

    /// <summary>Reads text already in memory; the format is taken from <paramref name="origin"/>'s extension if it has a known one, else sniffed.</summary>
    /// <param name="content">The text.</param>
    /// <param name="origin">Names the input in articles and problems ("stdin", a file name); its stem is the id base.</param>
    public IEnumerable<ReadOutcome> ReadText(string content, string origin)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(origin);
        return Guard(ReadTextCore(content, origin), origin);
    }

    /// <summary>
    /// Reads one http(s) URL as <see cref="Read"/> does, but asks the server first whether it changed since
    /// <paramref name="known"/> (If-None-Match, If-Modified-Since): a 304 answer downloads nothing. The download
    /// happens in this call; the articles are parsed as <see cref="UrlRead.Outcomes"/> is enumerated.
    /// </summary>
    /// <param name="url">An http or https URL.</param>
    /// <param name="known">Validators of the previous response (<see cref="UrlRead.Validators"/>), or null for a plain request.</param>
    /// <param name="cancel">Stops the download early (it then fails with "cancelled").</param>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an http(s) URL.</exception>
    public UrlRead ReadUrlIfChanged(string url, HttpValidators? known = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!WebFetcher.IsWebUrl(url))
            throw new ArgumentException($"not an http(s) URL: {url}", nameof(url));
        var fetched = _context.Web.Fetch(url, known is { IsEmpty: false } ? known : null, cancel);
        if (fetched.NotModified)
            return new UrlRead { NotModified = true, Status = fetched.Status, Validators = fetched.Validators };
        return new UrlRead
        {
            Error = fetched.Error,
            Status = fetched.Status,
            RetryAfter = fetched.RetryAfter,
            Validators = fetched.Validators,
            Outcomes = Guard(ReadFetched(url, fetched), url),
        };
    }

    private IEnumerable<ReadOutcome> ReadAll(IEnumerable<string> inputs, IProgress<ReadProgress>? progress)
    {
        List<PlanItem> plan;
        string? planError = null;
        try
        {
            plan = new InputPlanner().Plan(inputs);
        }
        catch (Exception e)
        {
            plan = [];
            planError = Describe(e);
        }
        if (planError is not null)
        {
            yield return ReadOutcome.Fail("inputs", null, planError);
            yield break;
        }

        int filesTotal = plan.Count(p => p.Kind != PlanKind.Problem);
        long bytesTotal = plan.Sum(p => p.Size);
        int filesDone = 0;
        long bytesDone = 0;
        foreach (var item in plan)
        {
            if (item.Kind == PlanKind.Problem)
            {
                yield return ReadOutcome.Of(item.Problem!);
                continue;
            }
            progress?.Report(new ReadProgress(item.Input, filesDone, filesTotal, bytesDone, bytesTotal));
            var outcomes = item.Kind switch
            {
                PlanKind.File => ReadFile(item.Input, item.Explicit),
                PlanKind.Url => ReadUrl(item.Input),
                _ => ReadStdin(),
            };
            foreach (var o in Guard(outcomes, item.Input))
                yield return o;
            filesDone++;
            bytesDone += item.Size;
            progress?.Report(new ReadProgress(item.Input, filesDone, filesTotal, bytesDone, bytesTotal));
        }
    }

    private IEnumerable<ReadOutcome> ReadFile(string path, bool explicitlyNamed)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            yield return ReadOutcome.Fail(path, null, "no such file or directory");
            yield break;
        }
        string ext = info.Extension.ToLowerInvariant();
        // A file named explicitly with an unknown extension is sniffed; in folders such files are skipped earlier.
        string? knownExt = Formats.IsKnownExtension(ext) ? ext : null;
        foreach (var o in ReadBytes(
                     () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan),
                     info.Length, path, Path.GetFileNameWithoutExtension(path), knownExt, url: null, mediaType: null, charset: null, isFile: true))
            yield return o;
    }

    private IEnumerable<ReadOutcome> ReadUrl(string url)
    {
        foreach (var o in ReadFetched(url, _context.Web.Fetch(url)))
            yield return o;
    }

    private IEnumerable<ReadOutcome> ReadFetched(string url, FetchResult fetched)
    {
        if (fetched.Error is not null)
        {
            yield return ReadOutcome.Fail(url, null, fetched.Error);
            yield break;
        }
        var body = fetched.Body!;
        string? ext = Path.GetExtension(new Uri(url).AbsolutePath).ToLowerInvariant();
        if (!Formats.IsKnownExtension(ext) || ext is ".txt" or ".text")
            ext = null; // a server's page names say little; sniff content and media type
        foreach (var o in ReadBytes(() => new MemoryStream(body, writable: false), body.Length, url, url, ext, url, fetched.MediaType, fetched.Charset, isFile: false))
            yield return o;
    }

    private IEnumerable<ReadOutcome> ReadStdin()
    {
        long max = _options.MaxFileBytes;
        if (_options.Stdin is { } reader)
        {
            // Already text: read up to the limit (in chars) and sniff the format.
            var buf = new char[65536];
            var sb = new System.Text.StringBuilder();
            int n;
            while ((n = reader.Read(buf, 0, buf.Length)) > 0)
            {
                sb.Append(buf, 0, n);
                if (sb.Length > max)
                {
                    yield return ReadOutcome.Fail("stdin", null, $"input is over the {TextNormal.Size(max)} limit (--max-bytes)");
                    yield break;
                }
            }
            foreach (var o in ReadTextCore(sb.ToString(), "stdin"))
                yield return o;
            yield break;
        }
        // The process's stdin: read bytes, so the encoding is detected like a file's.
        var ms = new MemoryStream();
        using (var stdin = Console.OpenStandardInput())
        {
            var chunk = new byte[81920];
            int read;
            while ((read = stdin.Read(chunk, 0, chunk.Length)) > 0)
            {
                ms.Write(chunk, 0, read);
                if (ms.Length > max)
                {
                    yield return ReadOutcome.Fail("stdin", null, $"input is over the {TextNormal.Size(max)} limit (--max-bytes)");
                    yield break;
                }
            }
        }
        var bytes = ms.ToArray();
        foreach (var o in ReadBytes(() => new MemoryStream(bytes, writable: false), bytes.Length, "stdin", "stdin", null, null, null, null, isFile: false))
            yield return o;
    }

    /// <summary>Size checks, encoding detection, binary refusal, then the format reader.</summary>
    private IEnumerable<ReadOutcome> ReadBytes(Func<Stream> open, long length, string origin, string stem, string? ext,
        string? url, string? mediaType, string? charset, bool isFile)
    {
        if (length == 0)
        {
            yield return ReadOutcome.Fail(origin, null, isFile ? "empty file" : "empty input");
            yield break;
        }
        if (length > _options.MaxFileBytes)
        {
            yield return ReadOutcome.Fail(origin, null,
                $"{(isFile ? "file" : "input")} is {TextNormal.Size(length)}, over the {TextNormal.Size(_options.MaxFileBytes)} limit (--max-bytes)");
            yield break;
        }
        DecodePlan plan;
        using (var s = open())
            plan = TextDecoder.Plan(s, charset);
        if (plan.Binary || plan.Encoding is null)
        {
            yield return ReadOutcome.Fail(origin, null, isFile ? "binary file, not text" : "binary data, not text");
            yield break;
        }
        if (plan.Warning is not null)
            yield return ReadOutcome.Fail(origin, null, plan.Warning);

        var encoding = plan.Encoding;
        int bom = plan.BomLength;
        var source = new Source
        {
            Origin = origin,
            Stem = stem,
            Url = url,
            Extension = ext,
            MediaType = mediaType,
            Head = plan.Head,
            LengthHint = plan.Encoding is UnicodeEncoding ? length / 2 : plan.Encoding is UTF32Encoding ? length / 4 : length,
            Open = () =>
            {
                var stream = open();
                stream.Position = bom;
                return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            },
        };
        bool small = length - bom <= TextDecoder.HeadBytes;
        foreach (var o in Dispatch(source, blank: small && TextNormal.IsBlank(plan.Head), isFile))
            yield return o;
    }

    private IEnumerable<ReadOutcome> ReadTextCore(string content, string origin)
    {
        if (content.Length > 0 && content[0] == '\uFEFF')
            content = content[1..]; // a BOM that survived decoding would break JSON and the seed header
        if (content.Length == 0)
            return [ReadOutcome.Fail(origin, null, "empty input")];
        var head = content.AsSpan(0, Math.Min(content.Length, TextDecoder.HeadBytes));
        if (head.Contains('\0') || TextNormal.ControlRatio(head) > TextNormal.BinaryControlRatio)
            return [ReadOutcome.Fail(origin, null, "binary data, not text")];
        string ext = Path.GetExtension(origin).ToLowerInvariant();
        string stem = ext.Length > 0 ? Path.GetFileNameWithoutExtension(origin) : origin;
        var source = Source.FromString(content, origin, stem, Formats.IsKnownExtension(ext) ? ext : null);
        return Dispatch(source, TextNormal.IsBlank(content), isFile: false);
    }

    private IEnumerable<ReadOutcome> Dispatch(Source source, bool blank, bool isFile)
    {
        if (blank)
        {
            yield return ReadOutcome.Fail(source.Origin, null, isFile ? "whitespace-only file, no text" : "whitespace-only input, no text");
            yield break;
        }
        var format = Formats.Choose(source.Extension, source.Head, source.MediaType);
        int count = 0;
        foreach (var o in format.Read(source, _context))
        {
            count++;
            yield return o;
        }
        if (count == 0 && source.FilteredItems == 0)
            yield return ReadOutcome.Fail(source.Origin, null, $"no articles found (read as {format.Name})");
    }

    /// <summary>Turns an exception thrown while reading one input into one problem for it, ending that input.</summary>
    private static IEnumerable<ReadOutcome> Guard(IEnumerable<ReadOutcome> outcomes, string origin)
    {
        IEnumerator<ReadOutcome>? e = null;
        string? failure = null;
        try
        {
            e = outcomes.GetEnumerator();
        }
        catch (Exception ex)
        {
            failure = Describe(ex);
        }
        while (failure is null)
        {
            ReadOutcome current;
            try
            {
                if (!e!.MoveNext())
                    break;
                current = e.Current;
            }
            catch (Exception ex)
            {
                failure = Describe(ex);
                break;
            }
            yield return current;
        }
        try
        {
            e?.Dispose();
        }
        catch (Exception ex)
        {
            failure ??= Describe(ex);
        }
        if (failure is not null)
            yield return ReadOutcome.Fail(origin, null, failure);
    }

    /// <summary>A one-line description of why an input could not be read.</summary>
    internal static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "path too long",
        XmlException x => "malformed XML: " + OneLine(x.Message),
        JsonException j => "malformed JSON: " + OneLine(j.Message),
        IOException io when io.Message.Contains("Too many levels of symbolic links", StringComparison.OrdinalIgnoreCase) => "symbolic link loop",
        IOException io => "read error: " + OneLine(io.Message),
        OutOfMemoryException => "too large to read into memory",
        InsufficientExecutionStackException => "too deeply nested to read",
        _ => $"could not read ({e.GetType().Name}): {OneLine(e.Message)}",
    };

    private static string OneLine(string s)
    {
        var one = s.ReplaceLineEndings(" ").Trim();
        return one.Length <= 300 ? one : one[..300] + "…";
    }
}
