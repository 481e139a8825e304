using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lagebild.Ingest;
using Lagebild.Linking;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Search;
using Lagebild.Storage;
using Lagebild.Stories;

namespace Lagebild.Benchmarks;

/// <summary>
/// Where the time of <c>lagebild ingest</c> goes: the same steps in the same order (read, analyse in batches of 128,
/// <c>AddRange</c> into a fresh SQLite store, cluster the stored and linked articles, save assignments and clusterer
/// state every 1,000), all on one thread and each timed with a stopwatch: every pipeline stage, the store call, and
/// the story steps. The CPU work the store does inside <c>AddRange</c> (hashes and MinHash signature, search terms,
/// entity normalisation) is timed again apart on the same documents, to tell it from the SQL work.
/// Usage: <c>breakdown [--store FILE] INPUT…</c>
/// </summary>
public static class Breakdown
{
    private const int BatchSize = 128, CommitEvery = 1000;

    /// <summary>Wall time and this thread's CPU time per step (CPU time is what stays comparable on a busy machine).</summary>
    private sealed class Timers
    {
        private readonly List<string> _order = [];
        private readonly Dictionary<string, (long Wall, long Cpu)> _ticks = [];

        public (long Wall, long Cpu) Start() => (Stopwatch.GetTimestamp(), ThreadCpu.Nanoseconds());

        public void Stop(string name, (long Wall, long Cpu) start)
        {
            long cpu = ThreadCpu.Nanoseconds(), wall = Stopwatch.GetTimestamp();
            if (!_ticks.TryGetValue(name, out var sum))
                _order.Add(name);
            _ticks[name] = (sum.Wall + wall - start.Wall, sum.Cpu + cpu - start.Cpu);
        }

        public T Time<T>(string name, Func<T> f)
        {
            var t0 = Start();
            var r = f();
            Stop(name, t0);
            return r;
        }

        public double Seconds(string name) => _ticks.GetValueOrDefault(name).Wall / (double)Stopwatch.Frequency;

        public double CpuSeconds(string name) => _ticks.GetValueOrDefault(name).Cpu / 1e9;

        public IEnumerable<string> Names => _order;
    }

    public static int Run(string[] args)
    {
        string? storePath = null;
        var inputs = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--store" && i + 1 < args.Length)
                storePath = args[++i];
            else
                inputs.Add(args[i]);
        }
        if (inputs.Count == 0)
        {
            Console.Error.WriteLine("usage: Lagebild.Benchmarks breakdown [--store FILE] INPUT…");
            return 2;
        }
        string? tempDir = null;
        if (storePath is null)
        {
            tempDir = Directory.CreateTempSubdirectory("lagebild-breakdown").FullName;
            storePath = Path.Combine(tempDir, "store.db");
        }
        try
        {
            Measure(inputs, storePath);
        }
        finally
        {
            if (tempDir is not null)
                Directory.Delete(tempDir, recursive: true);
        }
        return 0;
    }

    private static void Measure(List<string> inputs, string storePath)
    {
        var t = new Timers();
        var wall = Stopwatch.StartNew();
        long cpu0 = ThreadCpu.Nanoseconds();
        var components = t.Time("start-up: pipeline (gazetteer, NER model, lexicons)", () => DefaultPipeline.Shared.Components);
        using var store = t.Time("start-up: open the store", () => SqliteStore.Open(storePath));
        var clusterer = new StoryClusterer();
        var pending = new List<StoryAssignment>();
        var reader = new ArticleReader(new ReadOptions { MaxFileBytes = long.MaxValue / 2 });
        int articles = 0, stored = 0, linked = 0, facts = 0;
        long gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        var pauseBefore = GC.GetTotalPauseDuration();

        using var outcomes = reader.Read(inputs).GetEnumerator();
        var batch = new List<Document>(BatchSize);
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && t.Time("read: files → articles", outcomes.MoveNext))
            {
                if (outcomes.Current.Article is not { } article)
                    continue;
                var doc = new Document(article);
                foreach (var c in components)
                {
                    var t0 = t.Start();
                    c.Process(doc);
                    foreach (var layer in c.Assigns)
                        doc.Layers.Add(layer);
                    t.Stop("analyse: " + c.Name, t0);
                }
                batch.Add(doc);
            }
            if (batch.Count == 0)
                break;
            articles += batch.Count;
            facts += batch.Sum(d => d.Facts.Count);

            var results = t.Time("store: AddRange (all of it)", () => store.AddRange(batch));
            StoreCpu(t, batch, results);

            for (int i = 0; i < batch.Count; i++)
            {
                var status = results[i].Status;
                stored += status is AddStatus.Stored or AddStatus.Updated ? 1 : 0;
                linked += status == AddStatus.Duplicate ? 1 : 0;
                if (status is not (AddStatus.Stored or AddStatus.Updated or AddStatus.Duplicate))
                    continue;
                var doc = batch[i];
                var terms = t.Time("stories: terms of the article", () => StorySignals.Terms(doc));
                var signals = t.Time("stories: signals (term ids, places, names)", () => StorySignals.From(doc, terms, clusterer.Terms));
                var decision = t.Time("stories: clusterer add", () => clusterer.Add(signals));
                var clues = t.Time("stories: report clues", () => ReportClues.From(doc));
                pending.Add(new StoryAssignment(doc.Article.Id, decision.Story, clues.Printed, clues.Weekdays));
                if (pending.Count >= CommitEvery)
                    Commit(t, store, clusterer, pending);
            }
        }
        Commit(t, store, clusterer, pending);
        wall.Stop();
        double threadCpu = (ThreadCpu.Nanoseconds() - cpu0) / 1e9;

        long gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        // The store's CPU work timed apart is extra work of this harness, not of ingest: leave it out of the wall time.
        var apartSteps = t.Names.Where(n => n.StartsWith("  of which", StringComparison.Ordinal)).ToList();
        Report(t, wall.Elapsed.TotalSeconds - apartSteps.Sum(t.Seconds), threadCpu - apartSteps.Sum(t.CpuSeconds), articles, stored, linked, facts, clusterer, gcs, pause);
    }

    /// <summary>The CPU work inside AddRange, done again apart: what could move out of the store's lock into the parallel analysis.</summary>
    private static void StoreCpu(Timers t, List<Document> batch, IReadOnlyList<AddResult> results)
    {
        for (int i = 0; i < batch.Count; i++)
        {
            var doc = batch[i];
            t.Time("  of which CPU: SHA-256, exact hash, MinHash signature", () =>
                SHA256.HashData(Encoding.UTF8.GetBytes(doc.Text)).Length + (int)DuplicateIndex.ExactHash(doc.Text) + DuplicateIndex.Signature(doc.Text).Length);
            if (results[i].Status is not (AddStatus.Stored or AddStatus.Updated))
                continue;
            t.Time("  of which CPU: search terms (SearchAnalyzer)", () =>
            {
                var analyzer = SearchAnalyzer.Default;
                var body = analyzer.Analyze(doc.Text, doc.Tokens, doc.Language);
                return string.Join(' ', analyzer.Analyze(doc.Article.Title ?? "", doc.Language).Concat(body).Select(x => x.Term)).Length;
            });
            t.Time("  of which CPU: entity normalisation + JSON", () =>
            {
                int n = 0;
                foreach (var e in EntityNormaliser.Normalise(doc))
                    n += JsonSerializer.Serialize(e.Aliases).Length + JsonSerializer.Serialize(e.Mentions.Select(m => new[] { m.Start, m.End })).Length;
                return n;
            });
        }
    }

    private static void Commit(Timers t, SqliteStore store, StoryClusterer clusterer, List<StoryAssignment> pending)
    {
        if (pending.Count == 0)
            return;
        var state = t.Time("stories: clusterer state save (gzip)", () =>
        {
            using var ms = new MemoryStream();
            clusterer.Save(ms);
            return ms.ToArray();
        });
        var merges = clusterer.Merges.Select(m => new StoryMergeRecord(m.Survivor, m.Absorbed, m.ByArticle)).ToList();
        t.Time("stories: UpdateStories (assignments, merges, state)", () =>
        {
            var write = new StoryWrite(pending.ToList(), merges, state);
            store.UpdateStories(_ => write);
            return 0;
        });
        t.Stop("  state size", t.Start());
        s_lastState = state.Length;
        pending.Clear();
    }

    private static long s_lastState;

    private static void Report(Timers t, double wall, double cpu, int articles, int stored, int linked, int facts, StoryClusterer clusterer, long gcs, TimeSpan pause)
    {
        Console.WriteLine($"breakdown: {articles} articles ({stored} stored, {linked} linked as duplicates), {facts} facts, "
            + $"{clusterer.StoryCount} stories ({clusterer.OpenStories} open); one thread: {wall:F1} s wall = {articles / wall:F0} articles/s, "
            + $"{cpu:F1} s CPU = {articles / cpu:F0} articles/s");
        Console.WriteLine($"{"step",-58} {"wall s",7} {"CPU s",7} {"CPU ms/art",10} {"CPU share",9}");
        double measuredWall = 0, measuredCpu = 0;
        foreach (var name in t.Names)
        {
            if (name.StartsWith("  state size", StringComparison.Ordinal))
            {
                Console.WriteLine($"{"  clusterer state at the last save",-58} {s_lastState / 1048576.0,7:F1} MiB");
                continue;
            }
            double w = t.Seconds(name), c = t.CpuSeconds(name);
            if (!name.StartsWith("  ", StringComparison.Ordinal))
            {
                measuredWall += w;
                measuredCpu += c;
            }
            Console.WriteLine($"{name,-58} {w,7:F2} {c,7:F2} {c * 1000 / Math.Max(1, articles),10:F3} {c / cpu * 100,8:F1}%");
        }
        Console.WriteLine($"{"(between the steps: loop, batching, timers)",-58} {wall - measuredWall,7:F2} {cpu - measuredCpu,7:F2} {(cpu - measuredCpu) * 1000 / Math.Max(1, articles),10:F3} {(cpu - measuredCpu) / cpu * 100,8:F1}%");
        Console.WriteLine($"GC: {gcs} collections, {pause.TotalSeconds:F2} s paused (GC work runs on this thread or on the GC's own); "
            + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
        Console.WriteLine("(\"of which\" rows: the store's CPU work timed again apart on the same documents; inside AddRange's time, not added to it)");
    }
}

/// <summary>CPU time of the calling thread (Linux clock_gettime CLOCK_THREAD_CPUTIME_ID); 0 elsewhere.</summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static long Nanoseconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var ts) == 0 ? ts.Seconds * 1_000_000_000 + ts.Nanoseconds : 0;
}
