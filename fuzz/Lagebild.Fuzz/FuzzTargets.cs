using System.Text;
using Lagebild.Facts;
using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Fuzz;

/// <summary>
/// A fuzz input broke a documented promise of the library without throwing on its own: an exception that the
/// reader's guard turned into a generic "could not read (…)" problem, a problem message over several lines, a span
/// outside its text. Thrown so that the fuzzer records the input as a crash.
/// </summary>
public sealed class FuzzFindingException(string message) : Exception(message);

/// <summary>
/// The fuzz targets: each takes the raw bytes of one input and drives a public entry point of the library with
/// them. Expected bad-input outcomes (an <see cref="InputProblem"/> that names what is wrong) are fine; anything
/// else (an exception escaping, a broken invariant) is thrown and is a finding. The same functions run under
/// AFL++ (<c>fuzz/run.sh</c>, instrumented) and in the test suite (plain, over the seed corpus and mutations).
/// <para>Thread-safety: each thread writes its inputs to a file of its own, so tests may call targets in parallel.</para>
/// </summary>
public static class FuzzTargets
{
    /// <summary>The targets by name, in the order <c>run.sh all</c> runs them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["html", "feed", "jsonl", "csv", "text", "facts"];

    /// <summary>The target called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No target has that name.</exception>
    public static Action<byte[]> Get(string name) => name switch
    {
        "html" => Html,
        "feed" => Feed,
        "jsonl" => JsonLines,
        "csv" => Csv,
        "text" => Text,
        "facts" => Facts,
        _ => throw new ArgumentException($"unknown fuzz target '{name}' (targets: {string.Join(", ", Names)})", nameof(name)),
    };

    /// <summary>An HTML page (AngleSharp, SmartReader, the deep-markup fallbacks, metadata) read from a .html file.</summary>
    public static void Html(byte[] data) => ReadFile(data, ".html");

    /// <summary>An RSS/Atom feed (the DTD-refusing pre-parse, CodeHollow, item HTML) read from a .xml file.</summary>
    public static void Feed(byte[] data) => ReadFile(data, ".xml");

    /// <summary>JSON Lines, or a JSON array, read from a .jsonl file.</summary>
    public static void JsonLines(byte[] data) => ReadFile(data, ".jsonl");

    /// <summary>CSV/TSV with delimiter and quote sniffing and unterminated-quote recovery, read from a .csv file.</summary>
    public static void Csv(byte[] data) => ReadFile(data, ".csv");

    /// <summary>Encoding detection (BOMs, UTF-8 validation, UTF-16 by NULs, legacy guesses) and the seed/plain text formats, from a .txt file.</summary>
    public static void Text(byte[] data) => ReadFile(data, ".txt");

    private static readonly Encoding Utf8Lossy = new UTF8Encoding(false, false);

    /// <summary>
    /// The analysis pipeline with the facts grammar (boilerplate, language, tokens, sentences, entities, places,
    /// facts, headline facts), with counts of two and again with counts of one (single victims), on the input as
    /// UTF-8 text, then every fact written as FACTS.md JSON, the times of day checked, the story signals read (and clustered,
    /// through a saved and loaded state), and the duplicate keys the store computes for the article. A form feed
    /// splits the input into a headline (before it, also the page's address) and a body (after it); the article is dated
    /// 2022-01-10.
    /// </summary>
    public static void Facts(byte[] data)
    {
        string all = Utf8Lossy.GetString(data);
        int ff = all.IndexOf('\f');
        string? title = ff >= 0 ? all[..ff] : null;
        string body = ff >= 0 ? all[(ff + 1)..] : all;
        if (string.IsNullOrWhiteSpace(body))
            return; // readers never hand out an article without text
        var article = new Article
        {
            Id = "fuzz",
            Text = body,
            Title = string.IsNullOrWhiteSpace(title) ? null : title,
            // The headline is the page's address too: its slug is read as a second headline.
            Url = title,
            Published = PartialDate.Day(2022, 1, 10),
            Origin = "fuzz",
            Format = "text",
        };
        // Counts of two (FACTS.md) and counts of one (--min-count 1: single victims, the victims.txt patterns).
        foreach (var pipeline in new[] { DefaultPipeline.Shared, s_singleVictims.Value })
        {
            var doc = pipeline.Process(article);
            CheckDocument(doc);
            foreach (var fact in doc.Facts)
            {
                string line = FactJson.ToJsonLine(article.Id, fact, doc);
                if (line.Contains('\n'))
                    throw new FuzzFindingException("a fact's JSON line spans several lines");
            }
            foreach (var clock in doc.Clocks)
            {
                CheckSpan(clock.Span.Start, clock.Span.End, doc.Text.Length, "time of day");
                if (clock.Minutes is < 0 or >= 24 * 60)
                    throw new FuzzFindingException($"a time of day of {clock.Minutes} minutes");
            }
            // What clustering reads of the article: terms, names, places and the event clues; the article then waits for its
            // second look in a clusterer whose state is saved and loaded again before the look.
            var raw = Lagebild.Stories.StorySignals.Raw(doc, Lagebild.Stories.StorySignals.Terms(doc));
            var clusterer = new Lagebild.Stories.StoryClusterer();
            clusterer.Add(Lagebild.Stories.StorySignals.Intern(raw, clusterer.Terms));
            using var state = new MemoryStream();
            clusterer.Save(state);
            state.Position = 0;
            Lagebild.Stories.StoryClusterer.Load(state).Flush();
        }
        // What the store computes for every article it adds: the exact and near-duplicate keys.
        DuplicateIndex.ExactHash(body);
        DuplicateIndex.Signature(body);
    }

    private static readonly Lazy<AnalysisPipeline> s_singleVictims = new(() => DefaultPipeline.CreateBuilder(1, entities: true).Build());

    private static void CheckDocument(Document doc)
    {
        int n = doc.Text.Length;
        int previousEnd = 0;
        foreach (var t in doc.Tokens)
        {
            CheckSpan(t.Start, t.End, n, "token");
            if (t.Start < previousEnd)
                throw new FuzzFindingException($"tokens overlap or are out of order at {t.Start}");
            previousEnd = t.End;
        }
        foreach (var s in doc.Sentences)
        {
            CheckSpan(s.Start, s.End, n, "sentence");
            if (s.FirstToken < 0 || s.EndToken < s.FirstToken || s.EndToken > doc.Tokens.Count)
                throw new FuzzFindingException($"sentence token range [{s.FirstToken},{s.EndToken}) outside 0..{doc.Tokens.Count}");
        }
        foreach (var b in doc.Boilerplate)
            CheckSpan(b.Span.Start, b.Span.End, n, "boilerplate span");
        foreach (var p in doc.Places)
            CheckSpan(p.Span.Start, p.Span.End, n, "place mention");
        foreach (var e in doc.Entities)
            CheckSpan(e.Span.Start, e.Span.End, n, "entity mention");
        foreach (var f in doc.Facts)
        {
            int len = f.InTitle ? doc.Article.Title?.Length ?? 0 : n;
            CheckSpan(f.Evidence.Start, f.Evidence.End, len, "fact evidence");
            CheckSpan(f.CountSpan.Start, f.CountSpan.End, len, "fact count");
            CheckSpan(f.TriggerSpan.Start, f.TriggerSpan.End, len, "fact trigger");
            if (f.Count.Value is < 0)
                throw new FuzzFindingException($"negative count {f.Count.Value}");
            if (f.Count.Min > f.Count.Max && f.Count.Qualifier != CountQualifier.AtMost)
                throw new FuzzFindingException($"count bounds inverted: {f.Count} gives min {f.Count.Min} > max {f.Count.Max}");
        }
    }

    private static void CheckSpan(int start, int end, int length, string what)
    {
        if (start < 0 || end < start || end > length)
            throw new FuzzFindingException($"{what} [{start},{end}) outside the text of length {length}");
    }

    [ThreadStatic]
    private static string? t_stem;

    /// <summary>A scratch path of this thread's own; tmpfs when there is one, since the fuzzer writes an input per execution.</summary>
    private static string Scratch()
    {
        if (t_stem is null)
        {
            string root = Environment.GetEnvironmentVariable("LAGEBILD_FUZZ_TMP")
                ?? (Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath());
            string dir = Path.Combine(root, "lagebild-fuzz");
            Directory.CreateDirectory(dir);
            t_stem = Path.Combine(dir, $"{Environment.ProcessId}-{Environment.CurrentManagedThreadId}");
        }
        return t_stem;
    }

    /// <summary>
    /// Writes the bytes to a file with <paramref name="extension"/> and reads it through <see cref="ArticleReader.Read"/>,
    /// the path every CLI command takes (size checks, encoding detection, binary refusal, the format's reader).
    /// </summary>
    private static void ReadFile(byte[] data, string extension)
    {
        string path = Scratch() + extension;
        File.WriteAllBytes(path, data);
        try
        {
            var reader = new ArticleReader(new ReadOptions { MaxFileBytes = 4L * 1024 * 1024 });
            foreach (var o in reader.Read([path]))
                Check(o);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Check(ReadOutcome o)
    {
        if ((o.Article is null) == (o.Problem is null))
            throw new FuzzFindingException("an outcome must carry exactly one of article and problem");
        if (o.Problem is { } p)
        {
            string line = p.ToString();
            if (line.Contains('\n') || line.Contains('\r'))
                throw new FuzzFindingException("a problem is not one line: " + line);
            // ArticleReader.Describe names the failures it expects (malformed XML/JSON, I/O, too deep); anything else
            // is an exception no reader anticipated, caught only by the last-resort guard, which ends the input.
            if (p.Message.StartsWith("could not read (", StringComparison.Ordinal))
                throw new FuzzFindingException("unexpected exception inside a reader: " + p.Message);
            if (p.Message.Length == 0)
                throw new FuzzFindingException("a problem without a message");
            return;
        }
        var a = o.Article!;
        if (string.IsNullOrEmpty(a.Id))
            throw new FuzzFindingException("an article without an id");
        if (string.IsNullOrWhiteSpace(a.Text))
            throw new FuzzFindingException($"article '{a.Id}' has no text");
        if (a.Origin is null || a.Format is null)
            throw new FuzzFindingException($"article '{a.Id}' has no origin or format");
    }
}
