using Lagebild.Model;
using Lagebild.Storage;

namespace Lagebild.Stories;

/// <summary>
/// Keeps a store's stories up to date as articles arrive: loads the clusterer state the store holds,
/// adds each newly stored original (in the order given: the caller passes them in arrival order) and
/// writes assignments, merges and state together every <see cref="CommitEvery"/> articles and at
/// <see cref="Commit"/>. An original stored but not yet clustered (a run that stopped between the two
/// writes, or a store from before stories) is found by <see cref="CatchUp"/> and clustered then, so
/// nothing is lost and nothing is clustered twice. Not thread-safe; one indexer per store at a time.
/// </summary>
public sealed class StoryIndexer
{
    private readonly IArticleStore _store;
    private readonly List<StoryAssignment> _pending = [];

    public StoryIndexer(IArticleStore store, ClusterOptions? options = null)
    {
        _store = store;
        var state = store.StoryState();
        if (state is null)
        {
            Clusterer = new StoryClusterer(options);
        }
        else
        {
            try
            {
                using var ms = new MemoryStream(state);
                Clusterer = StoryClusterer.Load(ms, options);
            }
            catch (InvalidDataException e)
            {
                throw new StoreException($"the store's story state cannot be read ({e.Message})", e);
            }
        }
    }

    /// <summary>Pending assignments are written with the state once this many have gathered.</summary>
    public int CommitEvery { get; init; } = 1000;

    public StoryClusterer Clusterer { get; }

    /// <summary>Articles clustered by this indexer so far.</summary>
    public int Clustered { get; private set; }

    /// <summary>Clusters one analysed original; duplicates take their original's story and need not be passed.</summary>
    public ClusterDecision Add(Document doc, Dictionary<string, float>? terms = null)
    {
        var signals = StorySignals.From(doc, terms ?? StorySignals.Terms(doc), Clusterer.Terms);
        var decision = Clusterer.Add(signals);
        var clues = ReportClues.From(doc);
        _pending.Add(new StoryAssignment(doc.Article.Id, decision.Story, clues.Printed, clues.Weekdays));
        Clustered++;
        if (_pending.Count >= CommitEvery)
            Commit();
        return decision;
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

    /// <summary>Writes the pending assignments, the merges and the state in one transaction.</summary>
    public void Commit()
    {
        if (_pending.Count == 0)
            return;
        using var ms = new MemoryStream();
        Clusterer.Save(ms);
        _store.SaveStories(_pending, Clusterer.Merges.Select(m => new StoryMergeRecord(m.Survivor, m.Absorbed, m.ByArticle)).ToList(), ms.ToArray());
        _pending.Clear();
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
