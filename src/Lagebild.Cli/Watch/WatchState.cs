using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lagebild.Ingest;

namespace Lagebild.Cli.Watch;

/// <summary>
/// What <c>lagebild watch</c> remembers between polls and runs, per feed: the HTTP validators of the last
/// answer (ETag, Last-Modified), a file's size and time when it was last read, and the items already read
/// (id and version, the newest read first, at most <see cref="KeepItems"/> beyond those in the feed's latest
/// read). It is an optimisation and a resume point, never needed for correctness: the store treats a second
/// add of the same text as unchanged.
/// <para>The file is JSON, written to a temporary file in the same folder and renamed over the old one, so a
/// kill at any moment leaves the old or the new state, never a torn one. Feeds the saving process does not
/// watch are taken from the file as it is on disk then (several watchers may share one state file), and
/// feeds no watcher checked for <see cref="ForgetAfter"/> are dropped.</para>
/// Not thread-safe.
/// </summary>
internal sealed class WatchState
{
    public const string Format = "lagebild-watch";
    public const int Version = 1;

    /// <summary>Items kept per feed beyond those the feed listed in its latest read.</summary>
    public const int KeepItems = 1000;

    /// <summary>A feed nobody checked for this long is dropped from the file.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(180);

    private readonly Dictionary<string, FeedState> _feeds = new(StringComparer.Ordinal);

    /// <summary>The state of a feed, created empty when it has none yet.</summary>
    public FeedState Feed(string key)
    {
        if (!_feeds.TryGetValue(key, out var feed))
            _feeds[key] = feed = new FeedState { Feed = key };
        return feed;
    }

    /// <summary>The state of a feed, or null when it has none (nothing is created).</summary>
    public FeedState? Find(string key) => _feeds.GetValueOrDefault(key);

    /// <summary>Feeds with a state.</summary>
    public int Count => _feeds.Count;

    /// <summary>
    /// Reads the state file; a missing file is an empty state. A file that cannot be read as a state gives an
    /// empty state and a one-line <paramref name="warning"/> (it is replaced at the next save).
    /// </summary>
    public static WatchState Load(string path, out string? warning)
    {
        warning = null;
        if (!File.Exists(path))
            return new WatchState();
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            string why = e is JsonException ? "not valid JSON" : e.Message.ReplaceLineEndings(" ");
            warning = $"the watch state {path} is unreadable ({why}); starting afresh (items already stored are recognised as unchanged)";
            return new WatchState();
        }
    }

    private static WatchState Parse(byte[] bytes)
    {
        var file = JsonSerializer.Deserialize<StateFile>(bytes, JsonOptions) ?? throw new InvalidDataException("empty");
        if (file.Format != Format)
            throw new InvalidDataException("not a lagebild watch state");
        if (file.Version != Version)
            throw new InvalidDataException($"state version {file.Version}, this lagebild reads {Version}");
        var state = new WatchState();
        foreach (var feed in file.Feeds ?? [])
        {
            if (string.IsNullOrEmpty(feed?.Feed))
                throw new InvalidDataException("a feed without a name");
            feed.Items = (feed.Items ?? []).Where(i => i is { Id: not null, V: not null }).ToList();
            state._feeds[feed.Feed] = feed;
        }
        return state;
    }

    /// <summary>
    /// Writes the state atomically (temporary file, flushed, renamed over <paramref name="path"/>): the feeds in
    /// <paramref name="owned"/> as this state has them, the others as the file on disk has them now.
    /// </summary>
    /// <exception cref="IOException">The folder or file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    public void Save(string path, IReadOnlySet<string> owned, DateTimeOffset now)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);

        var feeds = new Dictionary<string, FeedState>(StringComparer.Ordinal);
        WatchState? onDisk = null;
        try
        {
            if (File.Exists(full))
                onDisk = Parse(File.ReadAllBytes(full));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            // Unreadable now: what this process loaded stands in for it.
        }
        foreach (var (key, feed) in (onDisk ?? this)._feeds)
        {
            if (!owned.Contains(key))
                feeds[key] = feed;
        }
        foreach (var key in owned)
        {
            if (_feeds.TryGetValue(key, out var feed))
                feeds[key] = feed;
        }
        var kept = feeds.Values
            .Where(f => f.Checked is null || now - f.Checked.Value < ForgetAfter || owned.Contains(f.Feed))
            .OrderBy(f => f.Feed, StringComparer.Ordinal)
            .ToList();

        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, new StateFile { Format = Format, Version = Version, Feeds = kept }, JsonOptions);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            try
            {
                File.Delete(tmp); // only still there when the rename failed
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// Where the state lives when <c>--state</c> is not given: next to a store file (<c>STORE.watch.json</c>); for
    /// a store that is not a file path (a connection string or URL) in the user's data folder, named by a hash of
    /// the store string (<c>lagebild/watch-HASH.json</c>), so each store has its own state and no secret in a
    /// connection string ends up in a file name.
    /// </summary>
    public static string DefaultPath(string store, Func<string, string?> env)
    {
        if (IsFilePath(store))
            return store + ".watch.json";
        string data = Lagebild.Cli.Commands.CommandContext.DataFolder(env);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(store)), 0, 8);
        return Path.Combine(data, "lagebild", $"watch-{hash}.json");
    }

    /// <summary>A store string is taken as a file path unless it looks like a URL (<c>scheme://</c>) or a connection string (<c>key=value</c>).</summary>
    public static bool IsFilePath(string store) => !store.Contains("://", StringComparison.Ordinal) && !store.Contains('=');

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    private sealed class StateFile
    {
        [JsonPropertyName("format")]
        public string? Format { get; set; }

        [JsonPropertyName("version")]
        public int Version { get; set; }

        [JsonPropertyName("feeds")]
        public List<FeedState>? Feeds { get; set; }
    }
}

/// <summary>One feed's remembered state; see <see cref="WatchState"/>.</summary>
internal sealed class FeedState
{
    private HashSet<FeedItemKey>? _known;

    /// <summary>The feed: its URL as given, or a file's full path.</summary>
    [JsonPropertyName("feed")]
    public string Feed { get; set; } = "";

    [JsonPropertyName("etag")]
    public string? ETag { get; set; }

    [JsonPropertyName("last_modified")]
    public string? LastModified { get; set; }

    /// <summary>Size of a file feed when it was last read.</summary>
    [JsonPropertyName("file_length")]
    public long? FileLength { get; set; }

    /// <summary>Last write time (UTC) of a file feed when it was last read.</summary>
    [JsonPropertyName("file_time")]
    public DateTime? FileTime { get; set; }

    /// <summary>When the feed was last read or found unchanged.</summary>
    [JsonPropertyName("checked")]
    public DateTimeOffset? Checked { get; set; }

    /// <summary>Items already read, the latest read's first.</summary>
    [JsonPropertyName("items")]
    public List<ItemState> Items { get; set; } = [];

    [JsonIgnore]
    public HttpValidators? Validators
    {
        get => ETag is null && LastModified is null ? null : new HttpValidators(ETag, LastModified);
        set
        {
            ETag = value?.ETag;
            LastModified = value?.LastModified;
        }
    }

    /// <summary>Whether this item (id and version) was read before.</summary>
    public bool Knows(FeedItemKey key)
    {
        _known ??= Items.Select(i => new FeedItemKey(i.Id, i.V)).ToHashSet();
        return _known.Contains(key);
    }

    /// <summary>
    /// After a complete read: the items of this read (in feed order) come first, then the earlier ones not in it,
    /// newest first, as long as the total stays within <paramref name="keep"/> or the read's own count.
    /// </summary>
    public void Remember(IReadOnlyList<FeedItemKey> read, int keep = WatchState.KeepItems)
    {
        var seen = new HashSet<FeedItemKey>();
        var items = new List<ItemState>(Math.Min(Items.Count + read.Count, Math.Max(keep, read.Count)));
        foreach (var key in read)
        {
            if (seen.Add(key))
                items.Add(new ItemState { Id = key.Id, V = key.Version });
        }
        int limit = Math.Max(keep, items.Count);
        foreach (var old in Items)
        {
            if (items.Count >= limit)
                break;
            if (seen.Add(new FeedItemKey(old.Id, old.V)))
                items.Add(old);
        }
        Items = items;
        _known = null;
    }
}

/// <summary>An item already read: its article id and version.</summary>
internal sealed class ItemState
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("v")]
    public string V { get; set; } = "";
}
