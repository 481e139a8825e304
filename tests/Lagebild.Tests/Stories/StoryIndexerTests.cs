using System.Reflection;
using Lagebild.Model;
using Lagebild.Storage;
using Lagebild.Stories;
using Lagebild.Tests.Storage;

namespace Lagebild.Tests.Stories;

public sealed class StoryIndexerTests : IDisposable
{
    private readonly StoreDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A store whose story updates fail from the given one on (a disk that filled up meanwhile).</summary>
    public class FailingStories : DispatchProxy
    {
        public IArticleStore Inner { get; set; } = null!;
        public int FailFrom { get; set; }
        public int Updates;

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(IArticleStore.UpdateStories) && ++Updates >= FailFrom)
                throw new StoreException("disk full");
            try
            {
                return method.Invoke(Inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }

    private (IArticleStore Store, FailingStories Proxy, List<Document> Docs) Setup(int failFrom)
    {
        var inner = SqliteStore.Open(_dir.File("s.db"));
        var store = DispatchProxy.Create<IArticleStore, FailingStories>();
        var proxy = (FailingStories)(object)store;
        proxy.Inner = inner;
        proxy.FailFrom = failFrom;
        var docs = Enumerable.Range(0, 12).Select(i => Docs.Analyse($"r{i:00}", Docs.Wire + $" Nachtrag {i}.", PartialDate.Day(2022, 1, 10))).ToList();
        inner.AddRange(docs);
        return (store, proxy, docs);
    }

    [Fact]
    public void A_failed_background_commit_is_reported_by_the_next_call_and_writes_nothing()
    {
        var (store, proxy, docs) = Setup(failFrom: 2);
        using var inner = proxy.Inner;
        var indexer = new StoryIndexer(store) { CommitEvery = 4, CommitCostRatio = 0 };
        var error = Record.Exception(() =>
        {
            foreach (var d in docs)
                indexer.Add(d);
            indexer.Commit();
        });

        Assert.Equal("disk full", Assert.IsType<StoreException>(error).Message);
        indexer.Dispose(); // nothing left running
        // The first commit (4 articles) was written, the failed one nothing (its articles are stored: the next run's
        // catch-up clusters them).
        Assert.Equal(4, indexer.Clustered);
        Assert.Equal(4, inner.StoryAssignmentCount());
    }

    [Fact]
    public void Dispose_waits_for_a_background_commit_and_keeps_the_callers_own_error()
    {
        var (store, proxy, docs) = Setup(failFrom: 1);
        using var inner = proxy.Inner;
        var indexer = new StoryIndexer(store) { CommitEvery = 4, CommitCostRatio = 0 };
        foreach (var d in docs.Take(4))
            indexer.Add(d); // starts a commit that fails in the background
        indexer.Dispose(); // a caller leaving on its own error: no second exception
        Assert.Equal(1, proxy.Updates);
        Assert.Equal(0, inner.StoryAssignmentCount());
    }

    [Fact]
    public void A_second_look_in_a_later_ingest_merges_stories_in_the_store()
    {
        // A verifier that finds any candidate 0.40 likely: below its threshold of 0.5 at arrival, above the second
        // look's 0.3. Two reports of one event start two stories; three days later (in a later run, from the store's
        // state) the first one's second look merges them, and the store records the merge.
        var options = ClusterOptions.Default with
        {
            Verifier = new StoryVerifier(-0.4, new double[StoryVerifier.FeatureNames.Count], 0.5),
            SecondLookThreshold = 0.3,
        };
        using var store = SqliteStore.Open(_dir.File("s.db"));
        var first = Docs.Analyse("first", Docs.Wire, PartialDate.Day(2022, 1, 10));
        var second = Docs.Analyse("second", Docs.WireEdited, PartialDate.Day(2022, 1, 10));
        var later = Docs.Analyse("later", Docs.Other, PartialDate.Day(2022, 1, 13));
        store.AddRange([first, second, later]);
        using (var indexer = new StoryIndexer(store, options))
        {
            indexer.Add(first);
            indexer.Add(second);
            indexer.Commit();
        }
        Assert.Empty(store.StoryMerges());
        Assert.Equal(2, StoryIndexer.ResolvedStories(store).Values.Distinct().Count());
        using (var indexer = new StoryIndexer(store, options))
        {
            indexer.Add(later);
            indexer.Commit();
        }
        var merge = Assert.Single(store.StoryMerges());
        Assert.Equal(("story-first", "story-second"), (merge.Survivor, merge.Absorbed));
        var stories = StoryIndexer.ResolvedStories(store);
        Assert.Equal(stories["first"], stories["second"]);
        Assert.NotEqual(stories["first"], stories["later"]);
    }
}
