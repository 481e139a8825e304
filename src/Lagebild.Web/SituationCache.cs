using Lagebild.Storage;
using Lagebild.Stories;

namespace Lagebild.Web;

/// <summary>
/// The store's stories, built once and rebuilt when the store's counts change (an ingest happened), so a page
/// is a lookup, not a reconciliation of the whole store. Thread-safe.
/// </summary>
public sealed class SituationCache(IArticleStore store)
{
    private readonly Lock _gate = new();
    private (StoreCounts Counts, int Assignments) _key;
    private Snapshot? _snapshot;

    public IArticleStore Store { get; } = store;

    /// <summary>The stories and their lookups at one moment of the store.</summary>
    public sealed record Snapshot(IReadOnlyList<StoryView> Stories, IReadOnlyDictionary<string, StoryView> ById, IReadOnlyDictionary<string, StoryView> ByArticle)
    {
        /// <summary>The story id of each article.</summary>
        public IReadOnlyDictionary<string, string> StoryOfArticle { get; } = ByArticle.ToDictionary(kv => kv.Key, kv => kv.Value.Id, StringComparer.Ordinal);
    }

    public Snapshot Current
    {
        get
        {
            var key = (Store.Counts(), Store.StoryAssignmentCount());
            lock (_gate)
            {
                if (_snapshot is not null && key == _key)
                    return _snapshot;
                var stories = StoreSituation.Load(Store).Stories();
                var byArticle = new Dictionary<string, StoryView>(StringComparer.Ordinal);
                foreach (var s in stories)
                    foreach (var a in s.Articles)
                        byArticle.TryAdd(a.Id, s);
                _snapshot = new Snapshot(stories, stories.ToDictionary(s => s.Id, StringComparer.Ordinal), byArticle);
                _key = key;
                return _snapshot;
            }
        }
    }
}
