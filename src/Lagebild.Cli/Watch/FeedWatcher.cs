using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lagebild.Cli.Commands;
using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Storage;
using Lagebild.Stories;

namespace Lagebild.Cli.Watch;

/// <summary>How <see cref="FeedWatcher"/> watches.</summary>
internal sealed record WatchOptions
{
    /// <summary>Feed URLs (http, https) and files, as given.</summary>
    public required IReadOnlyList<string> Feeds { get; init; }

    /// <summary>Where the state is kept (<see cref="WatchState"/>).</summary>
    public required string StatePath { get; init; }

    /// <summary>Time between two polls of a feed that answers.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait after failures (the interval if that is longer); a server's Retry-After may ask for more, up to a day.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How feeds are read (size limit, linked pages, HTTP client); the feed item filter is set per poll.</summary>
    public ReadOptions Read { get; init; } = new();

    public ClusterOptions Cluster { get; init; } = ClusterOptions.Default;

    /// <summary>Print a progress line only for feeds with something new (errors are always printed).</summary>
    public bool Quiet { get; init; }
}

/// <summary>
/// Polls feeds and ingests their new items into a store, as <c>lagebild ingest</c> would (analysis, store, stories):
/// each feed on its own schedule (the interval after an answer; interval × 2ⁿ after the n-th failure in a row, capped),
/// URLs with conditional requests, files only when their size or time changed, and of a feed only the items
/// (id + version) not read before. After each round the stories are committed, then the state is saved, so a stop
/// at any point loses nothing: the next run reads again what the state does not record, and the store recognises
/// what it already holds. Not thread-safe; one poll at a time.
/// </summary>
internal sealed class FeedWatcher
{
    private const string NonFeedVersionPrefix = "t:";

    private readonly WatchOptions _options;
    private readonly IArticleStore _store;
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly Action<InputProblem> _warn;
    private readonly TimeProvider _time;
    private readonly WatchState _state;
    private readonly List<Watched> _feeds;
    private readonly HashSet<string> _owned;
    private string? _lastSaveError;
    private bool _catchUp = true;

    /// <param name="warn">Writes a reader problem of a feed that was read (an item without text, a linked page that failed).</param>
    public FeedWatcher(WatchOptions options, IArticleStore store, TextWriter output, TextWriter error, Action<InputProblem> warn, TimeProvider? time = null)
    {
        _options = options;
        _store = store;
        _out = output;
        _err = error;
        _warn = warn;
        _time = time ?? TimeProvider.System;
        _state = WatchState.Load(options.StatePath, out var warning);
        if (warning is not null)
            _err.WriteLine($"lagebild: warning: {warning}");
        var start = _time.GetUtcNow();
        _feeds = options.Feeds.Distinct(StringComparer.Ordinal).Select(f => new Watched(f, KeyOf(f), IsWebUrl(f)) { Due = start }).ToList();
        _owned = _feeds.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>When the next feed is due.</summary>
    public DateTimeOffset NextDue => _feeds.Min(f => f.Due);

    /// <summary>When <paramref name="feed"/> (as given) is due next.</summary>
    public DateTimeOffset DueOf(string feed) => _feeds.First(f => f.Input == feed).Due;

    /// <summary>
    /// Polls until <paramref name="cancel"/> is set (or once), then returns the exit code: after one poll
    /// <see cref="ExitCodes.BadInput"/> when no feed could be read or the store failed; after a stop <see cref="ExitCodes.Ok"/>.
    /// </summary>
    public int Run(bool once, CancellationToken cancel)
    {
        if (!once)
        {
            _err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"watch: {_feeds.Count} feed{(_feeds.Count == 1 ? "" : "s")} every {Duration(_options.Interval)}; state {_options.StatePath}; Ctrl+C stops"));
        }
        while (true)
        {
            var round = Poll(cancel);
            if (once)
                return round.StoreFailed || (round.Polled > 0 && round.Failed == round.Polled) ? ExitCodes.BadInput : ExitCodes.Ok;
            while (!cancel.IsCancellationRequested)
            {
                var wait = NextDue - _time.GetUtcNow();
                if (wait <= TimeSpan.Zero)
                    break;
                // Wake at least once a minute: a machine that slept for hours polls on waking, not after the old delay.
                Sleep(wait < TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1), cancel);
            }
            if (cancel.IsCancellationRequested)
                break;
        }
        _err.WriteLine("watch: stopped");
        return ExitCodes.Ok;
    }

    private void Sleep(TimeSpan wait, CancellationToken cancel)
    {
        try
        {
            Task.Delay(wait, _time, cancel).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>What one round did.</summary>
    public readonly record struct Round(int Polled, int Failed, int New, bool StoreFailed);

    /// <summary>
    /// Polls every feed due now, in the order given; commits the stories of what was stored and saves the state.
    /// A stop request (<paramref name="cancel"/>) ends the round after the feed being read (a feed still downloading
    /// or being read is left for the next run; one being stored is finished).
    /// </summary>
    public Round Poll(CancellationToken cancel)
    {
        var now = _time.GetUtcNow();
        StoreIngest? step = null;
        int polled = 0, failed = 0, fresh = 0;
        bool storeFailed = false;
        try
        {
            if (_catchUp)
            {
                using var catching = new StoreIngest(_store, _options.Cluster);
                int caught = catching.CatchUp();
                if (caught > 0)
                    _err.WriteLine($"lagebild: note: clustered {caught} stored article(s) that had no story yet");
                _catchUp = false;
            }
            foreach (var feed in _feeds)
            {
                if (cancel.IsCancellationRequested)
                    break;
                if (feed.Due > now)
                    continue;
                var read = Read(feed, cancel);
                if (read.Kind == ReadKind.Cancelled)
                    break;
                polled++;
                if (read.Kind == ReadKind.Failed)
                {
                    failed++;
                    Failed(feed, read, now);
                    continue;
                }
                var counts = new IngestCounts();
                if (read.Articles.Count > 0)
                {
                    step ??= new StoreIngest(_store, _options.Cluster);
                    counts = step.Add(read.Articles.Select(ReadOutcome.Of), _warn);
                }
                fresh += read.Articles.Count;
                Succeeded(feed, read, counts, now);
            }
            if (step is not null)
            {
                step.Commit();
                if (step.Totals.Clustered > 0)
                {
                    _out.WriteLine($"watch: stories: {step.Indexer.Clustered} articles clustered, "
                        + $"{step.Indexer.Created} new stories, {step.Indexer.Clusterer.Merges.Count} merges so far");
                }
            }
        }
        catch (Exception e) when (e is StoreException or CliException)
        {
            // The feed being stored keeps its old state, so its items are read again next time; an article stored
            // but not clustered yet is clustered by the catch-up before the next round.
            _err.WriteLine($"lagebild: watch: store: {e.Message}; trying again in {Duration(_options.Interval)}");
            storeFailed = true;
            _catchUp = true;
            foreach (var feed in _feeds.Where(f => f.Due <= now))
                feed.Due = now + _options.Interval;
        }
        finally
        {
            step?.Dispose(); // after a failure: no story commit left running in the background into the next round
        }
        SaveState();
        return new Round(polled, failed, fresh, storeFailed);
    }

    private void Failed(Watched feed, FeedRead read, DateTimeOffset now)
    {
        feed.Failures++;
        var wait = Backoff(feed.Failures, read.RetryAfter);
        feed.Due = now + wait;
        _err.WriteLine($"lagebild: watch: {feed.Input}: {read.Error}; next try in {Duration(wait)} "
            + $"({(feed.Failures == 1 ? "first failure" : $"{feed.Failures} failures in a row")})");
    }

    private void Succeeded(Watched feed, FeedRead read, IngestCounts counts, DateTimeOffset now)
    {
        var state = _state.Feed(feed.Key);
        if (read.Kind == ReadKind.Read)
        {
            foreach (var p in read.Problems)
                _warn(p);
            state.Remember(read.Keys);
            if (feed.IsUrl)
                state.Validators = read.Validators;
            state.FileLength = read.FileLength;
            state.FileTime = read.FileTime;
        }
        else if (read.Validators is not null)
        {
            state.Validators = read.Validators;
        }
        state.Checked = now;
        string recovered = feed.Failures > 0 ? $" (answering again after {feed.Failures} failure{(feed.Failures == 1 ? "" : "s")})" : "";
        feed.Failures = 0;
        feed.Due = now + _options.Interval;

        string? line = read.Kind switch
        {
            ReadKind.NotModified => "not modified",
            ReadKind.Unchanged => "unchanged",
            _ when read.New == 0 => $"0 new ({read.Seen} seen)",
            _ => $"{read.New} new ({read.Seen} seen), {counts.Statuses()}, {counts.Read.Facts} facts",
        };
        if (!_options.Quiet || read.New > 0 || recovered.Length > 0)
            _out.WriteLine($"watch: {feed.Input}: {line}{recovered}");
    }

    /// <summary>interval × 2ⁿ after the n-th failure in a row, at most the cap (or the interval when longer); a Retry-After up to a day is honoured.</summary>
    internal TimeSpan Backoff(int failures, TimeSpan? retryAfter)
    {
        var cap = _options.MaxBackoff > _options.Interval ? _options.MaxBackoff : _options.Interval;
        double seconds = _options.Interval.TotalSeconds * Math.Pow(2, Math.Min(failures, 30));
        var wait = seconds >= cap.TotalSeconds ? cap : TimeSpan.FromSeconds(seconds);
        if (retryAfter is TimeSpan asked)
        {
            if (asked > TimeSpan.FromDays(1))
                asked = TimeSpan.FromDays(1);
            if (asked > wait)
                wait = asked;
        }
        return wait;
    }

    private void SaveState()
    {
        try
        {
            _state.Save(_options.StatePath, _owned, _time.GetUtcNow());
            _lastSaveError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Said once, not every round: watching goes on, a restart just reads again what was read.
            string message = e.Message.ReplaceLineEndings(" ");
            if (message != _lastSaveError)
                _err.WriteLine($"lagebild: warning: cannot save the watch state {_options.StatePath}: {message}");
            _lastSaveError = message;
        }
    }

    private enum ReadKind { Read, NotModified, Unchanged, Failed, Cancelled }

    private sealed class FeedRead
    {
        public ReadKind Kind;
        public string? Error;
        public TimeSpan? RetryAfter;
        public HttpValidators? Validators;
        public long? FileLength;
        public DateTime? FileTime;
        public List<Article> Articles = [];
        public List<FeedItemKey> Keys = [];
        public List<InputProblem> Problems = [];
        public int New;
        public int Seen;
    }

    /// <summary>Downloads or reads one feed and keeps its new items (in publication order, undated last); stores nothing.</summary>
    private FeedRead Read(Watched feed, CancellationToken cancel)
    {
        // A feed that never answered gets no entry in the state file.
        var state = _state.Find(feed.Key) ?? new FeedState { Feed = feed.Key };
        var read = new FeedRead { Kind = ReadKind.Read };
        var inRead = new HashSet<FeedItemKey>();
        var askedByReader = new HashSet<string>(StringComparer.Ordinal);
        bool IsNew(FeedItemKey key)
        {
            if (!inRead.Add(key))
                return false; // the same item twice in one feed
            read.Keys.Add(key);
            if (state.Knows(key))
            {
                read.Seen++;
                return false;
            }
            read.New++;
            return true;
        }
        var reader = new ArticleReader(_options.Read with
        {
            FeedItemFilter = key =>
            {
                askedByReader.Add(key.Id);
                return IsNew(key);
            },
        });

        IEnumerable<ReadOutcome> outcomes;
        if (feed.IsUrl)
        {
            var answer = reader.ReadUrlIfChanged(feed.Input, state.Validators, cancel);
            if (cancel.IsCancellationRequested)
                return new FeedRead { Kind = ReadKind.Cancelled };
            if (answer.NotModified)
                return new FeedRead { Kind = ReadKind.NotModified, Validators = answer.Validators };
            if (answer.Error is not null)
                return new FeedRead { Kind = ReadKind.Failed, Error = answer.Error, RetryAfter = answer.RetryAfter };
            read.Validators = answer.Validators;
            outcomes = answer.Outcomes;
        }
        else
        {
            var info = new FileInfo(feed.Input);
            if (!info.Exists)
                return new FeedRead { Kind = ReadKind.Failed, Error = Directory.Exists(feed.Input) ? "is a folder, not a feed file" : "no such file" };
            read.FileLength = info.Length;
            read.FileTime = info.LastWriteTimeUtc;
            if (state.FileLength == read.FileLength && state.FileTime == read.FileTime && state.Items.Count > 0)
                return new FeedRead { Kind = ReadKind.Unchanged };
            outcomes = reader.Read([feed.Input]);
        }

        foreach (var o in outcomes)
        {
            if (cancel.IsCancellationRequested)
                return new FeedRead { Kind = ReadKind.Cancelled };
            if (o.Problem is { } p)
            {
                read.Problems.Add(p);
                continue;
            }
            var article = o.Article!;
            // Feed items were asked about before they were read; other formats (a watched JSON Lines or HTML file)
            // are checked here, by id and a hash of the text, before the costly analysis.
            if (!askedByReader.Contains(article.Id) && !IsNew(new FeedItemKey(article.Id, NonFeedVersionPrefix + TextVersion(article))))
                continue;
            read.Articles.Add(article);
        }
        if (read.Keys.Count == 0 && read.Problems.Any(p => !p.IsNotice))
            return new FeedRead { Kind = ReadKind.Failed, Error = read.Problems.First(p => !p.IsNotice).Message };
        // Clustering follows publication order; feeds list their newest item first.
        read.Articles = read.Articles.OrderBy(a => a.Published is null).ThenBy(a => a.Published).ToList();
        return read;
    }

    private static string TextVersion(Article a)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes((a.Title ?? "") + "\u001f" + a.Text));
        return Convert.ToHexStringLower(hash, 0, 8);
    }

    /// <summary>The feed's name in the state: a URL as given, a file by its full path.</summary>
    private static string KeyOf(string feed) => IsWebUrl(feed) ? feed : Path.GetFullPath(feed);

    /// <summary>An absolute http or https URL (what the reader downloads).</summary>
    internal static bool IsWebUrl(string input) =>
        Uri.TryCreate(input, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);

    /// <summary>"45 s", "10 min", "2 h", "1 day".</summary>
    internal static string Duration(TimeSpan t)
    {
        double s = t.TotalSeconds;
        return s < 120 ? string.Create(CultureInfo.InvariantCulture, $"{s:0.#} s")
            : s < 7200 ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.#} min")
            : s < 2 * 86400 ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:0.#} h")
            : string.Create(CultureInfo.InvariantCulture, $"{t.TotalDays:0.#} days");
    }

    private sealed class Watched(string input, string key, bool isUrl)
    {
        public string Input { get; } = input;
        public string Key { get; } = key;
        public bool IsUrl { get; } = isUrl;
        public DateTimeOffset Due { get; set; }
        public int Failures { get; set; }
    }
}
