using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Cli.Commands;

/// <summary>
/// Reads inputs and analyses articles on all cores while keeping input order: articles are taken in
/// batches, each batch is analysed in parallel, and results are handed on in order. The next batch is
/// analysed while the caller works on the current one (storing, clustering, writing), so that work
/// overlaps with analysis instead of leaving the other cores idle. Memory stays bounded by three
/// batches (the one handed on, the one being analysed, the one being read).
/// </summary>
internal static class Analysis
{
    public const int BatchSize = 128;

    /// <summary>Counts of a run, for summaries and exit codes.</summary>
    public sealed class Tally
    {
        public int Articles;
        public int Problems;
        public int Facts;
    }

    /// <summary>
    /// The analysed articles of <paramref name="outcomes"/> in input order, in batches. Reading and problem reports
    /// happen on the enumerating thread; analysis on the thread pool, one batch ahead of the caller. The tally's
    /// article and fact counts grow as batches are handed on. <paramref name="prepare"/>, when given, runs on each
    /// analysed document in the same parallel stage (work the caller would otherwise do on its one thread).
    /// </summary>
    public static IEnumerable<IReadOnlyList<Document>> Batches(IEnumerable<ReadOutcome> outcomes, Action<InputProblem> onProblem, Tally tally,
        AnalysisPipeline? pipeline = null, Action<Document>? prepare = null)
    {
        pipeline ??= DefaultPipeline.Shared;
        Task<Document[]>? ahead = null;
        try
        {
            var batch = new List<Article>(BatchSize);
            foreach (var o in outcomes)
            {
                if (o.Problem is { } p)
                {
                    if (!p.IsNotice)
                        tally.Problems++;
                    onProblem(p);
                    continue;
                }
                batch.Add(o.Article!);
                if (batch.Count == BatchSize)
                {
                    var started = Start(pipeline, batch, prepare);
                    batch = new List<Article>(BatchSize);
                    if (ahead is not null)
                        yield return Finish(ahead, tally);
                    ahead = started;
                }
            }
            if (batch.Count > 0)
            {
                var started = Start(pipeline, batch, prepare);
                if (ahead is not null)
                    yield return Finish(ahead, tally);
                ahead = started;
            }
            if (ahead is not null)
            {
                var last = ahead;
                ahead = null;
                yield return Finish(last, tally);
            }
        }
        finally
        {
            // A caller that stops early (an error while storing) leaves no analysis running behind it.
            if (ahead is not null)
                ((IAsyncResult)ahead).AsyncWaitHandle.WaitOne();
        }
    }

    private static Task<Document[]> Start(AnalysisPipeline pipeline, List<Article> batch, Action<Document>? prepare) => Task.Run(() =>
    {
        var docs = new Document[batch.Count];
        Parallel.For(0, batch.Count, i =>
        {
            docs[i] = pipeline.Process(batch[i]);
            prepare?.Invoke(docs[i]);
        });
        return docs;
    });

    private static Document[] Finish(Task<Document[]> task, Tally tally)
    {
        var docs = task.GetAwaiter().GetResult(); // rethrows what the analysis threw, as Parallel.For did before
        tally.Articles += docs.Length;
        tally.Facts += docs.Sum(d => d.Facts.Count);
        return docs;
    }
}
