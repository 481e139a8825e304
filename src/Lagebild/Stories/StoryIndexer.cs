using Lagebild.Model;
using Lagebild.Storage;

namespace Lagebild.Stories;

/// <summary>
/// Keeps a store's stories up to date as articles arrive. Each added original's story signals are read at once (they
/// do not depend on the clusterer) and kept; every <see cref="CommitEvery"/> articles and at <see cref="Commit"/> the
/// indexer takes the store's story lock (<see cref="IArticleStore.UpdateStories"/>), reloads the clusterer state if
/// another writer (another process ingesting into the same store) has moved it on, clusters the pending articles in
/// the order they were added, and writes assignments, merges and state in the same transaction. So several writers
/// cluster one after another on one shared state, and an article another writer clustered meanwhile is not
/// clustered twice. An original stored but not yet clustered (a run that stopped between the two writes, or a store
/// from before stories) is found by <see cref="CatchUp"/> and clustered then, so nothing is lost. Automatic commits
/// run in the background while the caller goes on (see <see cref="Add(ValueTuple{RawSignals, ReportClues}, bool)"/>);
/// <see cref="Commit"/> waits for them. Not thread-safe otherwise; one indexer per thread, disposed when done.
/// </summary>
public sealed class StoryIndexer : IDisposable
{
    private readonly IArticleStore _store;
    private readonly ClusterOptions? _options;
    private readonly List<PendingArticle> _pending = [];
    private long _generation;

    private sealed record PendingArticle(RawSignals Signals, ReportClues Clues, bool Recluster);

    public StoryIndexer(IArticleStore store, ClusterOptions? options = null)
    {
        _store = store;
        _options = options;
        Clusterer = Load(store.StoryState(), options);
        _generation = -1; // unknown: the first commit re-reads the state under the lock
    }

    private static StoryClusterer Load(byte[]? state, ClusterOptions? options)
    {
        if (state is null)
            return new StoryClusterer(options);
        try
        {
            using var ms = new MemoryStream(state);
            return StoryClusterer.Load(ms, options);
        }
        catch (InvalidDataException e)
        {
            throw new StoreException($"the store's story state cannot be read ({e.Message})", e);
        }
    }

    /// <summary>
    /// Pending articles are clustered and written once this many have gathered and, as the saved state grows, once the
    /// time since the last commit is at least <see cref="CommitCostRatio"/> times what that commit took: writing the
    /// whole state every thousand articles would make ingest quadratic in the store's size. Results do not depend on
    /// when commits happen; a crash costs at most the articles since the last one, which the next run catches up.
    /// </summary>
    public int CommitEvery { get; init; } = 1000;

    /// <summary>Time between automatic commits, as a multiple of the last commit's duration (so commits cost at most about 1/(1+ratio) of the time).</summary>
    public double CommitCostRatio { get; init; } = 9;

    private long _lastCommitEnd;
    private TimeSpan _lastCommitCost;

    /// <summary>The clusterer as of the last commit (or the state loaded at start).</summary>
    public StoryClusterer Clusterer { get; private set; }

    /// <summary>Articles clustered by this indexer so far.</summary>
    public int Clustered { get; private set; }

    /// <summary>Stories this indexer started.</summary>
    public int Created { get; private set; }

    /// <summary>Articles skipped because another writer had clustered them first.</summary>
    public int SkippedClustered { get; private set; }

    /// <summary>
    /// Queues one analysed original for clustering (at the next commit); duplicates take their original's story and
    /// need not be passed. <paramref name="recluster"/>: the article's text changed, so it is clustered again even if
    /// it has a story.
    /// </summary>
    public void Add(Document doc, Dictionary<string, float>? terms = null, bool recluster = false) =>
        Add(Prepare(doc, terms), recluster);

    /// <summary>What <see cref="Add(Document, Dictionary{string, float}?, bool)"/> reads of a document: thread-safe, so a
    /// caller may prepare a batch on all cores and add the results in order.</summary>
    public static (RawSignals Signals, ReportClues Clues) Prepare(Document doc, Dictionary<string, float>? terms = null) =>
        (StorySignals.Raw(doc, terms ?? StorySignals.Terms(doc)), ReportClues.From(doc));

    /// <summary>Queues one prepared article (see <see cref="Prepare"/>).</summary>
    /// <exception cref="StoreException">An automatic commit that ran in the background failed (its articles are stored and get their stories at the next catch-up).</exception>
    public void Add((RawSignals Signals, ReportClues Clues) prepared, bool recluster = false)
    {
        if (_committing is { IsCompleted: true })
            Wait();
        _pending.Add(new PendingArticle(prepared.Signals, prepared.Clues, recluster));
        if (_committing is null && _pending.Count >= CommitEvery
            && System.Diagnostics.Stopwatch.GetElapsedTime(_lastCommitEnd) >= _lastCommitCost * CommitCostRatio)
        {
            var batch = TakePending();
            _committing = Task.Run(() => CommitBatch(batch));
        }
    }

    /// <summary>Clusters the stored originals that have no story yet, analysing their stored text again with <paramref name="analyse"/>.</summary>
    public int CatchUp(Func<StoredArticle, Document> analyse)
    {
        int n = 0;
        foreach (var id in _store.UnclusteredArticles())
        {
            if (_store.Article(id) is not { Text: not null } stored)
                continue;
            Add(analyse(stored));
            n++;
        }
        Commit();
        return n;
    }

    /// <summary>
    /// Clusters the pending articles and writes them with the merges and the state, after the automatic commit
    /// running in the background (if any) has finished.
    /// </summary>
    /// <exception cref="StoreException">The store cannot be written (or an automatic commit failed).</exception>
    public void Commit()
    {
        Wait();
        if (_pending.Count > 0)
            CommitBatch(TakePending());
    }

    /// <summary>Waits for the automatic commit running in the background, if any, and rethrows its failure.</summary>
    public void Wait()
    {
        if (_committing is not { } running)
            return;
        _committing = null;
        running.GetAwaiter().GetResult();
    }

    /// <summary>Waits for the automatic commit running in the background without rethrowing (a caller already failing).</summary>
    public void Dispose()
    {
        try
        {
            Wait();
        }
        catch (Exception)
        {
            // The caller is leaving on an error of its own; the articles of the failed commit are stored and are
            // clustered by the next run's catch-up.
        }
    }

    // Automatic commits run on the thread pool while the caller goes on storing (the store serialises the two);
    // at most one at a time.
    private Task? _committing;

    private List<PendingArticle> TakePending()
    {
        var batch = _pending.ToList();
        _pending.Clear();
        return batch;
    }

    private sealed record Clustering(List<StoryAssignment> Assignments, int Created, int Skipped, byte[] State, long Ticks);

    // Clusters the articles (except those in done) on the current clusterer and saves its state.
    private Clustering Cluster(List<PendingArticle> pending, IReadOnlySet<string>? done)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var assignments = new List<StoryAssignment>(pending.Count);
        int created = 0, skipped = 0;
        foreach (var p in pending)
        {
            if (!p.Recluster && done is not null && done.Contains(p.Signals.Id))
            {
                skipped++;
                continue;
            }
            var decision = Clusterer.Add(StorySignals.Intern(p.Signals, Clusterer.Terms));
            if (decision.Created)
                created++;
            assignments.Add(new StoryAssignment(p.Signals.Id, decision.Story, p.Clues.Printed, p.Clues.Weekdays));
        }
        long clustered = System.Diagnostics.Stopwatch.GetTimestamp();
        byte[] state = [];
        if (assignments.Count > 0)
        {
            using var ms = new MemoryStream();
            Clusterer.Save(ms);
            state = ms.ToArray();
        }
        return new Clustering(assignments, created, skipped, state, clustered - started);
    }

    private void CommitBatch(List<PendingArticle> pending)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        // When this indexer wrote the store's latest state itself, it clusters before taking the story lock (other
        // work on the store goes on meanwhile); under the lock it only checks that no other writer moved the state on
        // since, and writes. Otherwise (the first commit, or another writer was first) it starts from the store's state
        // under the lock, as it must.
        var early = _generation >= 0 ? Cluster(pending, null) : null;
        long clusterTicks = early?.Ticks ?? 0;
        try
        {
            _generation = _store.UpdateStories(view =>
            {
                var done = view.Clustered(pending.Where(p => !p.Recluster).Select(p => p.Signals.Id).ToList());
                var result = early;
                if (early is null || view.Generation != _generation || done.Count > 0)
                {
                    if (early is not null || view.Generation != _generation)
                        Clusterer = Load(view.State(), _options);
                    result = Cluster(pending, done);
                    clusterTicks += result.Ticks;
                }
                SkippedClustered += result!.Skipped;
                if (result.Assignments.Count == 0)
                    return null;
                Clustered += result.Assignments.Count;
                Created += result.Created;
                return new StoryWrite(result.Assignments, Clusterer.Merges.Select(m => new StoryMergeRecord(m.Survivor, m.Absorbed, m.ByArticle)).ToList(), result.State);
            });
        }
        catch
        {
            // The clusterer may hold articles the store did not take: reload from the store next time.
            _generation = -1;
            throw;
        }
        _lastCommitEnd = System.Diagnostics.Stopwatch.GetTimestamp();
        // The cost that grows with the store is saving and writing the state; clustering costs the same per article
        // whenever it happens, so it is left out (counting it would put commits off without end once clustering an
        // article takes a ninth of the time between two articles).
        _lastCommitCost = System.Diagnostics.Stopwatch.GetElapsedTime(started, _lastCommitEnd)
            - System.Diagnostics.Stopwatch.GetElapsedTime(0, clusterTicks);
    }

    /// <summary>The current story of every clustered article, merges resolved.</summary>
    public static Dictionary<string, string> ResolvedStories(IArticleStore store) => ResolvedStories(store, store.StoryAssignments());

    /// <summary>The current story of each of <paramref name="assignments"/>, merges resolved.</summary>
    public static Dictionary<string, string> ResolvedStories(IArticleStore store, IReadOnlyList<StoryAssignment> assignments)
    {
        var survivor = store.StoryMerges().ToDictionary(m => m.Absorbed, m => m.Survivor, StringComparer.Ordinal);
        string Resolve(string s)
        {
            for (int guard = 0; guard < 10_000 && survivor.TryGetValue(s, out var next); guard++)
                s = next;
            return s;
        }
        return assignments.ToDictionary(a => a.ArticleId, a => Resolve(a.Story), StringComparer.Ordinal);
    }
}
