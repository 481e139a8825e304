using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.Json;
using Lagebild.Cli;
using Lagebild.Cli.Watch;
using Lagebild.Ingest;
using Lagebild.Storage;
using Lagebild.Tests.Storage;
using Lagebild.Tests.Support;

namespace Lagebild.Tests.Ingest;

/// <summary>
/// <c>lagebild watch</c> against a real HTTP server on 127.0.0.1 and against files: new items only, conditional
/// requests, resuming from the state file, backoff from failing feeds, a corrupt state, and a clean stop.
/// </summary>
public sealed class WatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-watch-").FullName;
    private readonly FeedServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Store => Path.Combine(_dir, "store.db");

    private string StateFile => Store + ".watch.json"; // the default: next to the store file

    internal sealed record Item(string Id, string Title, string Text, string Date, string? Link = null);

    internal static readonly Item Almaty = new("urn:a", "Festnahmen in Almaty",
        "In Almaty wurden am Montag knapp 1700 Menschen festgenommen, teilte das Innenministerium mit.", "Mon, 10 Jan 2022 10:00:00 +0000");

    internal static readonly Item Celje = new("urn:b", "Hochwasser in Celje",
        "In Celje sind am Sonntag 17 Menschen bei Überschwemmungen verletzt worden, wie die Regierung mitteilte.", "Sun, 09 Mar 2025 08:00:00 +0000");

    internal static readonly Item Athen = new("urn:c", "Waldbrand bei Athen",
        "Bei einem Waldbrand nahe Athen mussten am Dienstag rund 2000 Menschen evakuiert werden, berichtete die Feuerwehr.", "Tue, 22 Jul 2025 14:00:00 +0000");

    internal static readonly Item Erdbeben = new("urn:d", "Erdbeben in der Türkei",
        "Nach dem Erdbeben im Osten der Türkei werden nach Angaben der Behörden noch 40 Menschen vermisst.", "Wed, 23 Jul 2025 09:00:00 +0000");

    internal static string Rss(params Item[] items)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Testdienst</title><language>de</language>\n");
        foreach (var i in items)
        {
            sb.Append("<item><guid>").Append(SecurityElement.Escape(i.Id)).Append("</guid><title>").Append(SecurityElement.Escape(i.Title))
                .Append("</title><description>").Append(SecurityElement.Escape(i.Text)).Append("</description><pubDate>").Append(i.Date).Append("</pubDate>");
            if (i.Link is not null)
                sb.Append("<link>").Append(SecurityElement.Escape(i.Link)).Append("</link>");
            sb.Append("</item>\n");
        }
        return sb.Append("</channel></rss>\n").ToString();
    }

    private (int Code, string Out, string Err) Watch(params string[] args) =>
        CliRunner.Run(["watch", .. args, "--store", Store, "--once"]);

    private (int Articles, int Clustered) StoreCounts()
    {
        using var store = SqliteStore.Open(Store);
        return (store.Counts().Articles, store.StoryAssignmentCount());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void First_poll_stores_the_items_with_stories_and_an_unchanged_feed_answers_not_modified()
    {
        string url = _server.Serve("/feed.xml", new FeedServer.Route { Body = Rss(Almaty, Celje, Athen), ETag = "\"v1\"" });

        var first = Watch(url);

        Assert.Equal(ExitCodes.Ok, first.Code);
        Assert.Contains($"watch: {url}: 3 new (0 seen), 3 stored, 0 updated, 0 unchanged, 0 duplicates linked", first.Out);
        Assert.Contains("watch: stories: 3 articles clustered", first.Out);
        Assert.Equal((3, 3), StoreCounts());
        Assert.True(File.Exists(StateFile));

        var second = Watch(url);

        Assert.Equal(ExitCodes.Ok, second.Code);
        Assert.Equal($"watch: {url}: not modified", Assert.Single(Lines(second.Out)));
        var request = _server.Requests.Last();
        Assert.Equal("\"v1\"", request.IfNoneMatch);
        Assert.Equal(304, request.Status);
        Assert.Equal((3, 3), StoreCounts());
        Assert.Equal("", second.Err);
    }

    [Fact]
    public void A_restart_reads_a_feed_without_validators_again_but_analyses_none_of_its_old_items()
    {
        string url = _server.Serve("/plain.xml", new FeedServer.Route { Body = Rss(Almaty, Celje, Athen) });
        Assert.Contains("3 new (0 seen), 3 stored", Watch(url).Out);

        var again = Watch(url); // a new invocation: only the state file connects it to the first

        Assert.Equal(ExitCodes.Ok, again.Code);
        Assert.Equal($"watch: {url}: 0 new (3 seen)", Assert.Single(Lines(again.Out))); // nothing analysed: not even "3 unchanged"
        Assert.Equal(2, _server.Count("/plain.xml"));
        Assert.All(_server.Requests, r => Assert.Null(r.IfNoneMatch));
        Assert.Equal((3, 3), StoreCounts());
    }

    [Fact]
    public void A_new_item_is_stored_and_clustered_and_only_it_is_analysed()
    {
        var route = new FeedServer.Route { Body = Rss(Athen, Celje, Almaty), LastModified = "Tue, 22 Jul 2025 14:00:00 GMT" };
        string url = _server.Serve("/lm.xml", route);
        Watch(url);
        route.Body = Rss(Erdbeben, Athen, Celje, Almaty);
        route.LastModified = "Wed, 23 Jul 2025 09:00:00 GMT";

        var (code, output, _) = Watch(url);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("Tue, 22 Jul 2025 14:00:00 GMT", _server.Requests.Last().IfModifiedSince); // asked conditionally, got the new feed
        Assert.Contains($"watch: {url}: 1 new (3 seen), 1 stored, 0 updated, 0 unchanged, 0 duplicates linked", output);
        Assert.Contains("watch: stories: 1 articles clustered", output);
        Assert.Equal((4, 4), StoreCounts());
        using var store = SqliteStore.Open(Store);
        Assert.Equal("Erdbeben in der Türkei", store.Article("urn:d")!.Title);
    }

    [Fact]
    public void A_corrected_item_keeps_its_id_and_is_read_again_as_an_update()
    {
        var route = new FeedServer.Route { Body = Rss(Almaty, Celje) };
        string url = _server.Serve("/corr.xml", route);
        Watch(url);
        var corrected = Almaty with { Text = "In Almaty wurden am Montag knapp 2000 Menschen festgenommen, teilte das Innenministerium am Abend mit." };
        route.Body = Rss(corrected, Celje);

        var (_, output, _) = Watch(url);

        Assert.Contains($"watch: {url}: 1 new (1 seen), 0 stored, 1 updated", output);
        using var store = SqliteStore.Open(Store);
        Assert.Contains("2000", store.Article("urn:a")!.Text);
    }

    [Fact]
    public void Failing_feeds_give_one_line_each_and_the_good_feed_is_still_read()
    {
        string broken = _server.Serve("/500.xml", new FeedServer.Route { Status = 500 });
        string badXml = _server.Serve("/bad.xml", new FeedServer.Route { Body = "<rss><channel><item><title>x</title></channel>" });
        string good = _server.Serve("/good.xml", new FeedServer.Route { Body = Rss(Almaty, Celje) });

        var (code, output, err) = Watch(broken, badXml, good);

        Assert.Equal(ExitCodes.Ok, code); // something was read
        Assert.Contains($"watch: {good}: 2 new (0 seen), 2 stored", output);
        var lines = Lines(err);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"lagebild: watch: {broken}: HTTP 500") && l.Contains("next try in 10 min (first failure)"));
        Assert.Contains(lines, l => l.StartsWith($"lagebild: watch: {badXml}: malformed XML"));
        Assert.DoesNotContain("   at ", err);
        Assert.Equal((2, 2), StoreCounts());

        var allFailed = Watch(broken);
        Assert.Equal(ExitCodes.BadInput, allFailed.Code);
        Assert.Single(Lines(allFailed.Err));
    }

    [Fact]
    public void A_failing_feed_backs_off_exponentially_up_to_the_cap_and_resets_on_success()
    {
        var flakyRoute = new FeedServer.Route { Status = 500, Body = Rss(Athen) };
        string flaky = _server.Serve("/flaky.xml", flakyRoute);
        string good = _server.Serve("/fine.xml", new FeedServer.Route { Body = Rss(Almaty) });
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var t0 = clock.Now;
        var output = new StringWriter();
        var err = new StringWriter();
        using var store = SqliteStore.Open(Store);
        var watcher = new FeedWatcher(new WatchOptions
        {
            Feeds = [flaky, good],
            StatePath = StateFile,
            Interval = TimeSpan.FromSeconds(60),
            MaxBackoff = TimeSpan.FromSeconds(300),
        }, store, output, err, p => err.WriteLine(p.ToString()), clock);

        void At(int seconds)
        {
            clock.Now = t0.AddSeconds(seconds);
            watcher.Poll(CancellationToken.None);
        }

        At(0);
        Assert.Equal(t0.AddSeconds(120), watcher.DueOf(flaky)); // 60 × 2¹
        Assert.Equal(t0.AddSeconds(60), watcher.DueOf(good));
        At(60);
        Assert.Equal(1, _server.Count("/flaky.xml")); // waiting out its backoff
        Assert.Equal(2, _server.Count("/fine.xml")); // the other feed goes on
        At(120);
        Assert.Equal(t0.AddSeconds(120 + 240), watcher.DueOf(flaky)); // 60 × 2²
        At(360);
        Assert.Equal(t0.AddSeconds(360 + 300), watcher.DueOf(flaky)); // 60 × 2³ = 480, capped at 300
        Assert.Equal(3, _server.Count("/flaky.xml"));
        Assert.Equal(3, Lines(err.ToString()).Count(l => l.Contains("/flaky.xml") && l.Contains("HTTP 500")));
        Assert.Contains("(3 failures in a row)", err.ToString());

        flakyRoute.Status = 200;
        At(660);
        var recovered = Lines(output.ToString()).Single(l => l.StartsWith($"watch: {flaky}:"));
        Assert.StartsWith($"watch: {flaky}: 1 new (0 seen), 1 stored", recovered);
        Assert.EndsWith("(answering again after 3 failures)", recovered);
        Assert.Equal(t0.AddSeconds(660 + 60), watcher.DueOf(flaky)); // back to the interval

        flakyRoute.Status = 503;
        flakyRoute.RetryAfterSeconds = 7200;
        At(720);
        Assert.Equal(t0.AddSeconds(720 + 7200), watcher.DueOf(flaky)); // the server's Retry-After beats the cap
        Assert.Equal(4, Lines(err.ToString()).Count(l => l.Contains("/flaky.xml")));
    }

    [Fact]
    public void A_feed_file_is_read_again_only_when_it_changes()
    {
        string file = Path.Combine(_dir, "dienst.rss");
        File.WriteAllText(file, Rss(Almaty, Celje));
        var stamp = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, stamp);

        var first = Watch(file);
        Assert.Equal(ExitCodes.Ok, first.Code);
        Assert.Contains($"watch: {file}: 2 new (0 seen), 2 stored", first.Out);

        Assert.Equal($"watch: {file}: unchanged", Assert.Single(Lines(Watch(file).Out)));

        File.WriteAllText(file, Rss(Athen, Almaty, Celje));
        File.SetLastWriteTimeUtc(file, stamp.AddMinutes(5));
        var third = Watch(file);
        Assert.Contains($"watch: {file}: 1 new (2 seen), 1 stored", third.Out);
        Assert.Equal((3, 3), StoreCounts());

        File.Delete(file);
        var gone = Watch(file);
        Assert.Equal(ExitCodes.BadInput, gone.Code);
        Assert.StartsWith($"lagebild: watch: {file}: no such file", Assert.Single(Lines(gone.Err)));
    }

    [Fact]
    public void A_corrupt_state_file_is_reported_in_one_line_and_replaced_and_nothing_is_stored_twice()
    {
        string url = _server.Serve("/c.xml", new FeedServer.Route { Body = Rss(Almaty, Celje, Athen), ETag = "\"e\"" });
        Watch(url);
        File.WriteAllText(StateFile, "{\"format\":\"lagebild-watch\",\"version\":1,\"feeds\":[{\"feed\":\"x\",\"items\":[{\"id\""); // torn

        var (code, output, err) = Watch(url);

        Assert.Equal(ExitCodes.Ok, code);
        var warning = Assert.Single(Lines(err));
        Assert.StartsWith($"lagebild: warning: the watch state {StateFile} is unreadable", warning);
        Assert.Null(_server.Requests.Last().IfNoneMatch); // the validators were lost with the state
        Assert.Contains($"watch: {url}: 3 new (0 seen), 0 stored, 0 updated, 3 unchanged", output); // the store knew them
        Assert.Equal((3, 3), StoreCounts());

        using (var json = JsonDocument.Parse(File.ReadAllText(StateFile)))
            Assert.Equal(3, json.RootElement.GetProperty("feeds")[0].GetProperty("items").GetArrayLength());
        var next = Watch(url);
        Assert.Equal("", next.Err);
        Assert.Contains("not modified", next.Out);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp")); // renamed into place, nothing left over
    }

    [Fact]
    public void An_unknown_state_format_is_refused_with_a_warning_too()
    {
        File.WriteAllText(StateFile, "{\"format\":\"lagebild-watch\",\"version\":99,\"feeds\":[]}");
        string url = _server.Serve("/v.xml", new FeedServer.Route { Body = Rss(Almaty) });

        var (code, _, err) = Watch(url);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("state version 99", Assert.Single(Lines(err)));
    }

    [Fact]
    public void Items_already_read_do_not_have_their_linked_pages_fetched_again()
    {
        string page = "<html><head><title>Seite</title></head><body><article><h1>Bericht</h1>"
            + string.Concat(Enumerable.Repeat("<p>In Almaty wurden am Montag knapp 1700 Menschen festgenommen, teilte das Innenministerium mit. Die Lage in der Stadt blieb am Abend angespannt.</p>", 6))
            + "</article></body></html>";
        _server.Serve("/page/1", new FeedServer.Route { Body = page, ContentType = "text/html; charset=utf-8" });
        _server.Serve("/page/2", new FeedServer.Route { Body = page.Replace("Almaty", "Schymkent"), ContentType = "text/html; charset=utf-8" });
        var route = new FeedServer.Route { Body = Rss(Almaty with { Link = _server.BaseUrl + "/page/1" }) };
        string url = _server.Serve("/linked.xml", route);

        Assert.Contains("1 new (0 seen)", Watch(url, "--fetch-linked").Out);
        route.Body = Rss(Celje with { Link = _server.BaseUrl + "/page/2" }, Almaty with { Link = _server.BaseUrl + "/page/1" });
        var second = Watch(url, "--fetch-linked");

        Assert.Contains("1 new (1 seen)", second.Out);
        Assert.Equal(1, _server.Count("/page/1"));
        Assert.Equal(1, _server.Count("/page/2"));
        using var store = SqliteStore.Open(Store);
        Assert.Contains("angespannt", store.Article("urn:a")!.Text); // the page's text was used
    }

    [Fact]
    public async Task A_stop_request_ends_the_loop_after_the_poll_is_committed()
    {
        string url = _server.Serve("/loop.xml", new FeedServer.Route { Body = Rss(Almaty, Celje) });
        var output = new LockedWriter();
        var err = new LockedWriter();
        using var store = SqliteStore.Open(Store);
        var watcher = new FeedWatcher(new WatchOptions { Feeds = [url], StatePath = StateFile, Interval = TimeSpan.FromHours(1) },
            store, output, err, p => err.WriteLine(p.ToString()));
        using var stop = new CancellationTokenSource();

        var run = Task.Run(() => watcher.Run(once: false, stop.Token));
        var sw = Stopwatch.StartNew();
        while (!output.ToString().Contains("watch: stories:") && sw.Elapsed < TimeSpan.FromSeconds(60) && !run.IsCompleted)
            await Task.Delay(50);
        Assert.Contains($"watch: {url}: 2 new (0 seen), 2 stored", output.ToString());
        Assert.False(run.IsCompleted); // waiting for the next poll, an hour away
        stop.Cancel();

        Assert.Equal(ExitCodes.Ok, await run.WaitAsync(TimeSpan.FromSeconds(10))); // TimeoutException when it does not stop
        Assert.EndsWith("watch: stopped", err.ToString().Trim());
        Assert.Equal(2, store.StoryAssignmentCount());
        Assert.Contains("urn:b", File.ReadAllText(StateFile));
    }

    [SkippableFact]
    public void Sigterm_stops_a_watching_process_cleanly()
    {
        Skip.If(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal");
        string url = _server.Serve("/term.xml", new FeedServer.Route { Body = Rss(Almaty, Celje) });
        string cli = Path.Combine(AppContext.BaseDirectory, "Lagebild.Cli.dll");
        using var p = Process.Start(new ProcessStartInfo("dotnet", [cli, "watch", url, "--store", Store, "--interval", "3600"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var err = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        string? line;
        while ((line = p.StandardOutput.ReadLine()) is not null && !line.StartsWith("watch: stories:"))
        {
        }
        Assert.NotNull(line); // the first poll finished

        Assert.Equal(0, Kill(p.Id, 15)); // SIGTERM
        Assert.True(p.WaitForExit(30_000), "watch did not stop on SIGTERM");
        p.WaitForExit();

        Assert.Equal(0, p.ExitCode);
        string stderr;
        lock (err)
            stderr = err.ToString();
        Assert.Contains("SIGTERM: stopping", stderr);
        Assert.Contains("watch: stopped", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Contains("urn:a", File.ReadAllText(StateFile));
        Assert.Equal((2, 2), StoreCounts());
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Theory]
    [InlineData("-")]
    [InlineData("ftp://example.org/feed.xml")]
    [InlineData("FOLDER")]
    [InlineData("--interval", "0", "x.xml")]
    [InlineData("--max-backoff", "nan", "x.xml")]
    public void Usage_errors_exit_two(params string[] args)
    {
        args = args.Select(a => a == "FOLDER" ? _dir : a).ToArray();
        var (code, _, err) = CliRunner.Run(["watch", .. args, "--store", Store]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--help", err);
        Assert.False(File.Exists(Store));
    }

    [Fact]
    public void The_default_state_lies_next_to_a_store_file_and_in_the_data_folder_for_a_connection_string()
    {
        Func<string, string?> env = name => name == "XDG_DATA_HOME" ? "/data" : null;

        Assert.Equal("/srv/lagebild/news.db.watch.json", WatchState.DefaultPath("/srv/lagebild/news.db", env));
        string pg = WatchState.DefaultPath("Host=db;Database=lagebild;Username=watch;Password=geheim", env);
        Assert.StartsWith("/data/lagebild/watch-", pg);
        Assert.EndsWith(".json", pg);
        Assert.DoesNotContain("geheim", pg);
        Assert.Equal(pg, WatchState.DefaultPath("Host=db;Database=lagebild;Username=watch;Password=geheim", env)); // stable
        Assert.NotEqual(pg, WatchState.DefaultPath("Host=db;Database=other;Username=watch;Password=geheim", env));
        Assert.StartsWith("/data/lagebild/watch-", WatchState.DefaultPath("postgresql://watch@db/lagebild", env));
    }

    [Fact]
    public void The_state_keeps_the_latest_read_and_a_bounded_history_per_feed()
    {
        var feed = new FeedState { Feed = "f" };
        feed.Remember(Enumerable.Range(0, 1500).Select(i => new FeedItemKey($"old{i}", "v")).ToList());
        Assert.Equal(1500, feed.Items.Count); // a read is always kept whole

        feed.Remember(Enumerable.Range(0, 10).Select(i => new FeedItemKey($"new{i}", "v")).ToList());

        Assert.Equal(WatchState.KeepItems, feed.Items.Count);
        Assert.Equal("new0", feed.Items[0].Id);
        Assert.Equal("old0", feed.Items[10].Id); // then the earlier read, in its order
        Assert.True(feed.Knows(new FeedItemKey("new9", "v")));
        Assert.False(feed.Knows(new FeedItemKey("new9", "other version")));
        Assert.False(feed.Knows(new FeedItemKey("old1499", "v"))); // fell out of the bounded history
    }

    [Fact]
    public void Saving_keeps_the_feeds_another_watcher_wrote_to_the_same_state_file()
    {
        string path = Path.Combine(_dir, "shared.json");
        var now = DateTimeOffset.UtcNow;
        var mine = WatchState.Load(path, out _);
        var other = WatchState.Load(path, out _);
        mine.Feed("https://a.example/feed").Remember([new FeedItemKey("a1", "v")]);
        mine.Feed("https://a.example/feed").Checked = now;
        other.Feed("https://b.example/feed").Remember([new FeedItemKey("b1", "v")]);
        other.Feed("https://b.example/feed").Checked = now;

        other.Save(path, new HashSet<string> { "https://b.example/feed" }, now);
        mine.Save(path, new HashSet<string> { "https://a.example/feed" }, now);

        var both = WatchState.Load(path, out var warning);
        Assert.Null(warning);
        Assert.Equal(2, both.Count);
        Assert.True(both.Feed("https://b.example/feed").Knows(new FeedItemKey("b1", "v")));
        Assert.True(both.Feed("https://a.example/feed").Knows(new FeedItemKey("a1", "v")));
    }

    /// <summary>A string writer that one thread may write while another reads it.</summary>
    private sealed class LockedWriter : StringWriter
    {
        public override void Write(char value)
        {
            lock (this)
                base.Write(value);
        }

        public override void Write(string? value)
        {
            lock (this)
                base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (this)
                base.Write(buffer, index, count);
        }

        public override void WriteLine(string? value)
        {
            lock (this)
                base.WriteLine(value);
        }

        public override string ToString()
        {
            lock (this)
                return base.ToString();
        }
    }
}
