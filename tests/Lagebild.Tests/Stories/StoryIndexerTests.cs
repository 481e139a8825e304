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
}
