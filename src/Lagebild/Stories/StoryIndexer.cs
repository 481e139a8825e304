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
/// from before stories) is found by <see cref="CatchUp"/> and clustered then, so nothing is lost. Not thread-safe;
/// one indexer per thread.
/// </summary>
public sealed class StoryIndexer
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
    public void Add((RawSignals Signals, ReportClues Clues) prepared, bool recluster = false)
    {
        _pending.Add(new PendingArticle(prepared.Signals, prepared.Clues, recluster));
        if (_pending.Count >= CommitEvery && System.Diagnostics.Stopwatch.GetElapsedTime(_lastCommitEnd) >= _lastCommitCost * CommitCostRatio)
            Commit();
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

    /// <summary>Clusters the pending articles under the store's story lock and writes them with the merges and the state.</summary>
    public void Commit()
    {
        if (_pending.Count == 0)
            return;
        var pending = _pending.ToList();
        _pending.Clear();
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            _generation = _store.UpdateStories(view =>
            {
                if (view.Generation != _generation)
                    Clusterer = Load(view.State(), _options);
                var done = view.Clustered(pending.Where(p => !p.Recluster).Select(p => p.Signals.Id).ToList());
                var assignments = new List<StoryAssignment>(pending.Count);
                int created = 0;
                foreach (var p in pending)
                {
                    if (!p.Recluster && done.Contains(p.Signals.Id))
                    {
                        SkippedClustered++;
                        continue;
                    }
                    var decision = Clusterer.Add(StorySignals.Intern(p.Signals, Clusterer.Terms));
                    if (decision.Created)
                        created++;
                    assignments.Add(new StoryAssignment(p.Signals.Id, decision.Story, p.Clues.Printed, p.Clues.Weekdays));
                }
                if (assignments.Count == 0)
                    return null;
                using var ms = new MemoryStream();
                Clusterer.Save(ms);
                Clustered += assignments.Count;
                Created += created;
                return new StoryWrite(assignments, Clusterer.Merges.Select(m => new StoryMergeRecord(m.Survivor, m.Absorbed, m.ByArticle)).ToList(), ms.ToArray());
            });
        }
        catch
        {
            // The clusterer may hold articles the store did not take: reload from the store next time.
            _generation = -1;
            throw;
        }
        _lastCommitEnd = System.Diagnostics.Stopwatch.GetTimestamp();
        _lastCommitCost = System.Diagnostics.Stopwatch.GetElapsedTime(started, _lastCommitEnd);
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
